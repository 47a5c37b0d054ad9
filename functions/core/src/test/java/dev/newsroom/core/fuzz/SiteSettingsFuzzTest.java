package dev.newsroom.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.site.OldUrls;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.testkit.ExecutableHtml;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;

/**
 * Any {@code site.yaml} an editor could upload, through the publish function's reader. The only
 * refusal allowed is the documented one ({@link InvalidArticleException}). What it accepts must
 * hold: every redirect leads to a path of this site (no open redirect to another host, such as
 * {@code //evil.example}) that is not redirected itself (no chain, no loop), and the menus it puts
 * in every page's header and footer hold nothing a browser would run.
 */
class SiteSettingsFuzzTest {

    private static final SiteConfig SITE = SiteConfig.from(new Env(Map.of("SITE_URL", "https://news.example.org",
            "SITE_NAME", "The Daily Example")));

    @FuzzTest(maxDuration = "10m")
    void readsAnySiteConfigurationIntoSafeSettingsOrRefusesIt(byte[] yaml) {
        SiteSettings settings;
        try {
            settings = SiteSettings.read(yaml);
        } catch (InvalidArticleException refused) {
            return;
        }
        settings.redirects().forEach((from, to) -> {
            if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
                throw new AssertionError(from + " redirects off the site, to " + to);
            }
            if (OldUrls.key(to, "/").values().stream().anyMatch(settings.redirects()::containsKey)) {
                throw new AssertionError(from + " redirects to " + to + ", which redirects again");
            }
        });
        String page = new PageRenderer(SITE, settings::shellMenus).notFound(List.of());
        var document = Jsoup.parse(page);
        for (String part : List.of("header", "footer")) {
            ExecutableHtml.in(document.select(part).outerHtml()).ifPresent(found -> {
                throw new AssertionError("the " + part + "'s menu would run " + found);
            });
        }
    }
}

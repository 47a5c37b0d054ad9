package dev.newsroom.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.config.Env;
import dev.newsroom.core.site.SiteConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class PageShellTest {

    private static SiteConfig site(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of("SITE_URL", "https://news.example.org", "SITE_NAME", "The Daily Example"));
        env.putAll(settings);
        return SiteConfig.from(new Env(env));
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split("; ")) {
            if (directive.startsWith(name + " ")) {
                return directive.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " is not in " + policy);
    }

    @Test
    void letsExactlyTheConfiguredScriptsRun() {
        String policy = PageShell.of(site(Map.of("CAPTCHA_PROVIDER", "turnstile", "AD_SCRIPT_URL", "https://ads.example.net/tag.js",
                "ANALYTICS_SCRIPT_URL", "https://stats.example.com/script.js"))).contentPolicy();
        assertEquals("'self' https://challenges.cloudflare.com https://ads.example.net/tag.js https://stats.example.com/script.js",
                directive(policy, "script-src"));
        assertEquals("'none'", directive(policy, "object-src"));
        assertEquals("'none'", directive(policy, "base-uri"));
        assertTrue(directive(policy, "frame-src").contains("https://www.youtube-nocookie.com"), "the video players a body may embed");

        String plain = PageShell.of(site(Map.of())).contentPolicy();
        assertEquals("'self' https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/", directive(plain, "script-src"),
                "the template's captcha provider, and no ad or analytics script unless configured");
        assertFalse(plain.contains("unsafe-inline") || plain.contains("unsafe-eval"), plain);
    }

    /** GA4 sends its measurements to hosts other than its script's; an ad script loads more scripts and frames. */
    @Test
    void theOperatorsNamedOriginsAreAllowedWhereTheirScriptIsConfigured() {
        String analytics = "https://*.google-analytics.com, https://*.analytics.google.com";
        String ads = "https://pagead2.googlesyndication.com,https://googleads.g.doubleclick.net";
        String policy = PageShell.of(site(Map.of("ANALYTICS_SCRIPT_URL", "https://www.googletagmanager.com/gtag/js?id=G-1",
                "ANALYTICS_ORIGINS", analytics, "AD_SCRIPT_URL", "https://ads.example.net/tag.js", "AD_ORIGINS", ads))).contentPolicy();
        assertEquals("'self' https://www.google.com/recaptcha/ https://www.googletagmanager.com https://*.google-analytics.com "
                + "https://*.analytics.google.com https://ads.example.net https://pagead2.googlesyndication.com https://googleads.g.doubleclick.net",
                directive(policy, "connect-src"));
        assertTrue(directive(policy, "script-src").endsWith(" https://ads.example.net/tag.js https://www.googletagmanager.com/gtag/js?id=G-1"
                + " https://pagead2.googlesyndication.com https://googleads.g.doubleclick.net"), policy);
        assertTrue(directive(policy, "frame-src").endsWith(" https://ads.example.net https://pagead2.googlesyndication.com https://googleads.g.doubleclick.net"),
                policy);

        String unused = PageShell.of(site(Map.of("ANALYTICS_ORIGINS", analytics, "AD_ORIGINS", ads))).contentPolicy();
        assertFalse(unused.contains("google-analytics") || unused.contains("doubleclick"), "origins open nothing without their script: " + unused);
    }

    @Test
    void refusesOriginsThatWouldOpenThePolicyWide() {
        for (String origins : List.of("*", "https://*", "http://stats.example.com", "https://stats.example.com/collect",
                "https://stats.example.com 'unsafe-inline'", "https://stats.example.com; script-src *", "data:")) {
            var e = assertThrows(dev.newsroom.core.config.ConfigurationException.class,
                    () -> site(Map.of("ANALYTICS_ORIGINS", origins)), origins);
            assertTrue(e.getMessage().startsWith("ANALYTICS_ORIGINS must list https origins"), e.getMessage());
        }
        // The ad script's origins may run scripts: a wildcard would let anything under a shared domain run.
        for (String origins : List.of("https://*.cloudfront.net", "https://*.github.io", "https://ads.example.net,https://*.doubleclick.net")) {
            var e = assertThrows(dev.newsroom.core.config.ConfigurationException.class, () -> site(Map.of("AD_ORIGINS", origins)), origins);
            assertTrue(e.getMessage().contains("each its own host"), e.getMessage());
        }
        assertTrue(PageShell.of(site(Map.of("ANALYTICS_SCRIPT_URL", "https://stats.example.com/s.js", "ANALYTICS_ORIGINS", "https://stats.xn--p1ai")))
                .contentPolicy().contains("https://stats.xn--p1ai"), "an internationalised domain, in its ASCII form");
    }

    @Test
    void aWidgetServedFromElsewhereIsAllowedByItsAddress() {
        String policy = PageShell.of(site(Map.of("CAPTCHA_PROVIDER", "hcaptcha", "CAPTCHA_WIDGET_URL", "http://127.0.0.1:8080/_local/captcha.js")))
                .contentPolicy();
        assertTrue(directive(policy, "script-src").endsWith(" http://127.0.0.1:8080/_local/captcha.js"), policy);
    }

    @Test
    void thePagesOnlyInlineStyleIsAllowedByItsDigestAndTheAnalyticsScriptLoadsWhereConfigured() throws Exception {
        PageRenderer renderer = new PageRenderer(site(Map.of("ANALYTICS_SCRIPT_URL", "https://stats.example.com/script.js")));
        Document page = Jsoup.parse(renderer.notFound(java.util.List.of()));
        String policy = page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        String style = page.selectFirst("style").data();
        String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8)));
        assertTrue(directive(policy, "style-src").contains("'sha256-" + digest + "'"), policy);
        assertEquals(1, page.select("style").size());
        assertEquals("https://stats.example.com/script.js", page.selectFirst("script[async][src^=https://stats]").attr("src"));
        assertTrue(page.select("script:not([src])").stream().allMatch(s -> s.attr("type").equals("application/ld+json")),
                "nothing inline runs");
    }
}

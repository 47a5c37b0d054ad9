package dev.newsroom.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.newsroom.core.article.Article;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.newsroom.core.index.ListingKey;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendered pages checked by the real tools: the Nu HTML checker and a headless browser. */
class RenderedPagesCheckIT {

    /** Would mark the page if it ever ran. */
    static final String PAYLOAD = "\"><script>document.documentElement.dataset.pwned=1</script>"
            + "<img src=x onerror=\"document.documentElement.dataset.pwned=2\">'"
            + " onmouseover='document.documentElement.dataset.pwned=3' </script>";

    static final String HOSTILE_BODY = String.join("\n\n",
            "Intro.",
            "<script>document.documentElement.dataset.pwned=4</script>",
            "<img src=x onerror=\"document.documentElement.dataset.pwned=5\">",
            "<iframe srcdoc=\"<script>parent.document.documentElement.dataset.pwned=6</script>\"></iframe>",
            "[x](javascript:document.documentElement.dataset.pwned=7)",
            "<svg><script>document.documentElement.dataset.pwned=8</script></svg>",
            "<details open ontoggle=\"document.documentElement.dataset.pwned=9\">x</details>",
            "Outro.");

    /** Every built-in Hugo shortcode, as a migrated post uses them. */
    static final String SHORTCODES = String.join("\n\n",
            "Intro.",
            "{{< figure src=\"/assets/chart.png\" caption=\"The *chart*\" title=\"Growth\" attr=\"Source\" "
                    + "attrlink=\"https://example.org/data\" link=\"https://example.org/chart\" width=\"640\" height=\"360\" >}}",
            "{{<youtube eZ3OrhxUAmU>}}",
            "{{< vimeo 55073825 >}}",
            "{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}",
            "{{< gist spf13 7896402 >}}",
            "{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}",
            "{{< details summary=\"More\" >}}\nHidden *text*.\n{{< /details >}}",
            "Outro.");

    /** Shortcode parameters as an attacker with an editor's account might write them (C11). */
    static final String HOSTILE_SHORTCODES = String.join("\n\n",
            "Intro.",
            "{{< youtube \"x\\\" onload=\\\"document.documentElement.dataset.pwned=10\" >}}",
            "{{< figure src=\"x\\\" onerror=\\\"document.documentElement.dataset.pwned=11\" "
                    + "caption=\"<img src=x onerror=document.documentElement.dataset.pwned=12>\" "
                    + "link=\"javascript:document.documentElement.dataset.pwned=13\" >}}",
            "{{< details summary=\"<img src=x onerror=document.documentElement.dataset.pwned=14>\" >}}"
                    + "<script>document.documentElement.dataset.pwned=15</script>{{< /details >}}",
            "{{< highlight \"go\\\" onmouseover=\\\"document.documentElement.dataset.pwned=16\" >}}x{{< /highlight >}}",
            "Outro.");

    @TempDir
    Path dir;

    @Test
    void samplePagesAreValidHtml() throws Exception {
        PageRenderer plain = new PageRenderer(SamplePages.site(Map.of()));
        PageRenderer withAds = new PageRenderer(SamplePages.site(Map.of("AD_SLOTS", "top,in-article,bottom",
                "AD_SCRIPT_URL", "https://ads.example.net/tag.js", "SITE_LOGO_URL", "https://news.example.org/logo.png")));
        List<Path> pages = new ArrayList<>();
        pages.add(write("full.html", plain.article(SamplePages.full(), SamplePages.related(), List.of())));
        pages.add(write("ads.html", withAds.article(SamplePages.eightHundredWords(), List.of(), List.of())));
        pages.add(write("hostile.html", plain.article(SamplePages.hostile(PAYLOAD), SamplePages.related(), List.of())));
        pages.add(write("body.html", plain.article(SamplePages.parse("body.md", SamplePages.markdown("") + HOSTILE_BODY), List.of(), List.of())));
        pages.add(write("shortcodes.html", plain.article(SamplePages.parse("shortcodes.md", SamplePages.markdown("") + SHORTCODES), List.of(), List.of())));
        pages.add(write("closed.html", plain.article(SamplePages.parse("closed.md", SamplePages.markdown("comments: closed")), List.of(), List.of())));
        pages.add(write("discussed.html", plain.article(SamplePages.full(), SamplePages.related(), List.of(),
                dev.newsroom.core.discussion.Discussion.of(List.of(
                        new dev.newsroom.core.discussion.ShownComment("1795512000000-aa", PAYLOAD, Optional.of("https://a.example/"),
                                "Two\nlines " + PAYLOAD, Optional.empty(), java.time.Instant.parse("2026-11-24T09:20:00Z"), false, true),
                        new dev.newsroom.core.discussion.ShownComment("1795512060000-bb", "Ben", Optional.empty(), "A reply.",
                                Optional.of("1795512000000-aa"), java.time.Instant.parse("2026-11-24T09:21:00Z"), true, false))))));
        pages.add(write("comment-refused.html", plain.commentAnswer(Optional.empty(), false, List.of("Please enter your name here"),
                "/articles/bridge", Map.of("body", PAYLOAD + "\nsecond line", "email", PAYLOAD, "parentId", "1795512000000-aa"))));
        pages.add(write("comment-taken.html", plain.commentAnswer(Optional.of("ja"), false, List.of(), "/articles/bridge", Map.of())));
        pages.add(write("gone.html", plain.gone()));
        pages.add(write("static-page.html", plain.page(SamplePages.full(), List.of())));
        pages.add(write("desk.html", plain.desk(new DeskView("en", "The \"Daily\" <Example>",
                "https://newsroom-desk.auth.us-east-1.amazoncognito.com", "desk-client", "openid email newsroom/desk"))));
        for (Path listing : listingPages(plain, SamplePages.hostile(PAYLOAD))) {
            pages.add(listing);
        }
        // A site in another language: its words in every template, the ads' and the form's included.
        PageRenderer japanese = new PageRenderer(SamplePages.site(Map.of("SITE_LANG", "ja", "AD_SLOTS", "top,in-article,bottom",
                "AD_SCRIPT_URL", "https://ads.example.net/tag.js")));
        pages.add(write("ja-full.html", japanese.article(SamplePages.full(), SamplePages.related(), List.of())));
        pages.add(write("ja-closed.html", japanese.article(SamplePages.parse("closed.md", SamplePages.markdown("comments: closed")), List.of(), List.of())));
        pages.add(write("ja-gone.html", japanese.gone()));
        for (Path listing : listingPages(japanese, SamplePages.full())) {
            pages.add(dir.resolve("ja-" + listing.getFileName()));
            Files.move(listing, pages.get(pages.size() - 1));
        }
        ExternalTools.Result result = ExternalTools.vnu(pages);
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void nothingInjectedRunsInABrowser_C6_C11_F2() throws Exception {
        PageRenderer renderer = new PageRenderer(SamplePages.site(Map.of()));
        Article hostileFields = SamplePages.hostile(PAYLOAD);
        Article hostileBody = SamplePages.parse("body.md", SamplePages.markdown("") + HOSTILE_BODY);
        Article hostileShortcodes = SamplePages.parse("shortcodes.md", SamplePages.markdown("") + HOSTILE_SHORTCODES);
        List<Path> files = new ArrayList<>(listingPages(renderer, hostileFields));
        for (Article article : List.of(hostileFields, hostileBody, hostileShortcodes)) {
            files.add(write(article.metadata().slug() + ".html", renderer.article(article, SamplePages.related(), List.of())));
            files.add(write(article.metadata().slug() + "-as-page.html", renderer.page(article, List.of())));
        }
        for (Path file : files) {
            Document dom = Jsoup.parse(ExternalTools.chromiumDom(file));
            assertNotNull(dom.selectFirst("main h1"), "the page rendered");
            assertFalse(dom.selectFirst("html").hasAttr("data-pwned"), () -> "a payload ran: " + dom.selectFirst("html").attributes());
        }
    }

    /** Home, category, author and archive pages and the 404 page, each listing the article. */
    private List<Path> listingPages(PageRenderer renderer, Article article) throws Exception {
        var entries = List.of(SamplePages.entry(article), SamplePages.entry(SamplePages.full()));
        List<Path> pages = new ArrayList<>();
        for (var key : List.of(ListingKey.HOME, ListingKey.category("hostile-category"), ListingKey.author(entries.get(0).author().slug()))) {
            var state = SamplePages.state(key, entries);
            pages.add(write(key.id().replace('#', '-') + ".html", renderer.listing(key, entries, state, Optional.empty())));
            pages.add(write(key.id().replace('#', '-') + "-archive.html",
                    renderer.listing(key, entries, state, Optional.of(state.archives().first()))));
        }
        pages.add(write("404.html", renderer.notFound(entries)));
        return pages;
    }

    private Path write(String name, String html) throws Exception {
        return Files.writeString(dir.resolve(name), html, StandardCharsets.UTF_8);
    }
}

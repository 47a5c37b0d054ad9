package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.config.Env;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.related.Ranking;
import dev.newsroom.core.related.RankingRules;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.core.article.Author;
import dev.newsroom.core.article.Term;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static export, and the in-memory postings it ranks from. */
class StaticExportTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    private static String article(String title, int day, String category, String... tags) {
        return "---\ntitle: \"" + title + "\"\ndate: " + NOW.minusSeconds(86_400L * day) + "\ncategory: " + category
                + "\nauthor: Amara Okafor\ntags: [" + String.join(", ", tags) + "]\n---\nBody of " + title + ".\n";
    }

    @Test
    void rendersEveryArticleWithItsListAndEveryListingPage() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("bridge.md"), article("Bridge", 3, "City", "tram", "bridge"));
        Files.writeString(in.resolve("tram.md"), article("Tram", 2, "City", "tram"));
        Files.writeString(in.resolve("golf.md"), article("Golf", 1, "Sport", "golf"));
        Files.writeString(in.resolve("broken.md"), "---\ntitle: [\n---\n");
        Files.writeString(in.resolve("notes.txt"), "not an article");
        SiteConfig site = SiteConfig.from(new Env(Map.of("SITE_URL", "https://news.example.org", "SITE_NAME", "Example")));
        var summary = new StaticExport(site, RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(in, dir.resolve("out"), new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(3, summary.articles());
        assertEquals(1, summary.rejected(), "the broken file is reported, and the rest still render");
        Path out = dir.resolve("out");
        assertEquals(List.of("Tram", "Golf"), Jsoup.parse(out.resolve("articles/bridge.html").toFile())
                .select(".more h3 a").eachText(), "same category and tag first; the same author relates golf too");
        assertEquals(List.of("Golf", "Tram", "Bridge"), Jsoup.parse(out.resolve("index.html").toFile()).select(".teasers h2 a").eachText());
        assertEquals(List.of("Tram", "Bridge"), Jsoup.parse(out.resolve("tag/tram.html").toFile()).select(".teasers h2 a").eachText());
        for (String file : List.of("category/city.html", "category/city/feed.xml", "category/city/rss.xml", "author/amara-okafor.html", "feed.xml",
                "rss.xml", "robots.txt", "favicon.ico", "site.webmanifest",
                "sitemap.xml", "sitemaps/2026-11-21.xml", "news-sitemap.xml", "404.html", "archive/2026/11/22.html",
                "category/sport/2026/11.html")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
    }

    @Test
    void listsCorrectedArticlesOnTheCorrectionsPageAndLeavesOutWhatIsNotPublicNow() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("fares.md"), article("Fares", 2, "City", "tram").replace("\nauthor:",
                "\ncorrection: {text: \"The fare is 2 euros, not 3.\", date: 2026-11-21}\nauthor:"));
        Files.writeString(in.resolve("tram.md"), article("Tram", 3, "City", "tram"));
        Files.writeString(in.resolve("embargoed.md"), article("Embargoed", -1, "City", "tram"));
        Files.writeString(in.resolve("expired.md"), article("Expired", 4, "City", "tram").replace("\nauthor:", "\nexpiryDate: 2026-11-20\nauthor:"));
        SiteConfig site = SiteConfig.from(new Env(Map.of("SITE_URL", "https://news.example.org", "SITE_NAME", "Example")));
        var summary = new StaticExport(site, RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(in, dir.resolve("out"), new PrintStream(OutputStream.nullOutputStream()));
        Path out = dir.resolve("out");

        assertEquals(2, summary.articles(), "an embargoed and an expired article are not public now");
        assertEquals(List.of("Fares"), Jsoup.parse(out.resolve("corrections.html").toFile()).select(".teasers h2 a").eachText());
        assertEquals("Corrections", Jsoup.parse(out.resolve("corrections.html").toFile()).selectFirst("h1").text());
        assertTrue(Jsoup.parse(out.resolve("articles/fares.html").toFile()).selectFirst(".corrections").text()
                .contains("The fare is 2 euros, not 3."));
        assertFalse(Files.exists(out.resolve("articles/embargoed.html")));
        assertFalse(Jsoup.parse(out.resolve("index.html").toFile()).text().contains("Embargoed"));
    }

    @Test
    void everyCoAuthorHasAnAuthorPageThatListsTheArticle() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("joint.md"), article("Joint", 2, "City", "tram")
                .replace("author: Amara Okafor", "author: [{name: Amara Okafor, bio: Transport.}, {name: Tom Reyes, bio: Courts and crime.}]"));
        SiteConfig site = SiteConfig.from(new Env(Map.of("SITE_URL", "https://news.example.org", "SITE_NAME", "Example")));
        new StaticExport(site, RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(in, dir.resolve("out"), new PrintStream(OutputStream.nullOutputStream()));
        Path out = dir.resolve("out");

        var coAuthor = Jsoup.parse(out.resolve("author/tom-reyes.html").toFile());
        assertEquals("Tom Reyes", coAuthor.selectFirst("h1").text(), "the co-author's own page, not the first author's");
        assertEquals("Courts and crime.", coAuthor.selectFirst(".author p").text());
        assertEquals(List.of("Joint"), coAuthor.select(".teasers h2 a").eachText());
        assertTrue(Files.exists(out.resolve("author/amara-okafor.html")));
        assertEquals(List.of("/author/amara-okafor", "/author/tom-reyes"),
                Jsoup.parse(out.resolve("index.html").toFile()).select(".teasers .meta a").eachAttr("href"), "the teaser's byline links both");
    }

    /** The export's pages offer the same image variants, with the same sizes, as the live site's (G9 for the corrupt one). */
    @Test
    void copiesAssetsWithTheirWidthVariantsAndSizesTheImagesItsPagesShow_G9() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path assets = Files.createDirectories(in.resolve("assets/2026"));
        var photo = new java.awt.image.BufferedImage(2000, 1000, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(photo, "jpeg", assets.resolve("quay.jpg").toFile());
        Files.writeString(assets.resolve("notes.md"), "an asset, not an article");
        Files.write(assets.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Files.writeString(in.resolve("quay.md"), article("Quay", 2, "City", "tram").replace("\nauthor:",
                "\nimage: {src: /assets/2026/quay.jpg, alt: The quay}\nauthor:") + "\n![The quay again](/assets/2026/quay.jpg)\n");
        Path out = dir.resolve("out");
        var summary = new StaticExport(site(), RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(in, out, new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(1, summary.articles(), "a Markdown file among the assets is an asset");
        assertEquals(1, summary.assets());
        assertEquals(1, summary.rejected(), "the corrupt PNG is refused, as the publish function refuses it");
        assertFalse(Files.exists(out.resolve("assets/2026/broken.png")));
        assertTrue(Files.exists(out.resolve("assets/2026/notes.md")));
        for (String file : List.of("quay.jpg", "quay-480w.jpg", "quay-960w.jpg", "quay-1600w.jpg")) {
            assertTrue(Files.exists(out.resolve("assets/2026/" + file)), file);
        }
        assertEquals(960, javax.imageio.ImageIO.read(out.resolve("assets/2026/quay-960w.jpg").toFile()).getWidth());
        var page = Jsoup.parse(out.resolve("articles/quay.html").toFile());
        for (var img : List.of(page.selectFirst("figure.lead img"), page.selectFirst(".body img, article p img"))) {
            assertEquals("2000", img.attr("width"), img::outerHtml);
            assertEquals("1000", img.attr("height"), img::outerHtml);
            assertTrue(img.attr("srcset").startsWith("/assets/2026/quay-480w.jpg 480w, /assets/2026/quay-960w.jpg 960w"), img::outerHtml);
        }
    }

    /** As the live site holds them back ({@code EmbargoIT}), so that a live site and its export agree. */
    @Test
    void holdsBackTheImagesOnlyEmbargoedArticlesShow_L9() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path assets = Files.createDirectories(in.resolve("assets/2026"));
        for (String name : List.of("results.jpg", "quay.jpg")) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1000, 500, java.awt.image.BufferedImage.TYPE_INT_RGB), "jpeg",
                    assets.resolve(name).toFile());
        }
        Files.writeString(in.resolve("results.md"), article("Results", -1, "City", "tram")
                + "\n![Results](/assets/2026/results.jpg)\n\n![The quay](/assets/2026/quay.jpg)\n");
        Files.writeString(in.resolve("quay.md"), article("Quay", 2, "City", "tram") + "\n![The quay](/assets/2026/quay.jpg)\n");
        Path out = dir.resolve("out");
        var summary = new StaticExport(site(), RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(in, out, new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(1, summary.assets(), "one image held back");
        for (String file : List.of("results.jpg", "results-480w.jpg", "results-960w.jpg")) {
            assertFalse(Files.exists(out.resolve("assets/2026/" + file)), file + ": only the embargoed article shows it");
        }
        for (String file : List.of("quay.jpg", "quay-480w.jpg", "quay-960w.jpg")) {
            assertTrue(Files.exists(out.resolve("assets/2026/" + file)), file + ": a live article shows it too");
        }
    }

    @Test
    void readsSubfoldersAsTheSourceBucketHoldsThem() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/blog/2024/arrow"));
        Files.writeString(in.resolve("index.md"), article("Arrow", 2, "City", "tram"));
        Files.writeString(Files.createDirectories(dir.resolve("in/blog/2023")).resolve("tram.md"), article("Tram", 3, "City", "tram"));
        Path out = dir.resolve("out");
        var summary = new StaticExport(site(), RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(dir.resolve("in"), out, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(2, summary.articles());
        assertTrue(Files.exists(out.resolve(dev.newsroom.core.site.SiteLayout.articleKey(dev.newsroom.core.site.SiteLayout.articlePath("arrow")))), "a bundle's slug is its folder's name");
    }

    @Test
    void placesArticlesByTheSiteConfigurationAtTheFoldersRoot() throws Exception {
        Path blog = Files.createDirectories(dir.resolve("in/articles/blog"));
        Files.writeString(blog.resolve("tram.md"), article("Tram", 2, "City", "tram"));
        Files.writeString(dir.resolve("in/site.yaml"), "permalinks:\n  blog: /blog/:year/:slug/\n");
        Path out = dir.resolve("out");
        new StaticExport(site(), RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(dir.resolve("in"), out, new PrintStream(OutputStream.nullOutputStream()));
        try (var pages = Files.list(out.resolve("blog"))) {
            Path year = pages.findFirst().orElseThrow();
            assertTrue(Files.exists(year.resolve("tram/index.html")), "as the publish function places it under the same site.yaml");
        }
        Files.writeString(dir.resolve("in/site.yaml"), "permalinks:\n  blog: /blog/:year/\n");
        assertThrows(java.io.IOException.class, () -> new StaticExport(site(), RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(dir.resolve("in"), dir.resolve("out2"), new PrintStream(OutputStream.nullOutputStream())));
    }

    @Test
    void neverWritesAnEmptyListingOrArchivePage() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("tram.md"), article("Tram", 2, "City", "tram"));
        Files.writeString(in.resolve("draft.md"), article("Draft", 40, "Sport", "golf").replace("---\nBody", "draft: true\n---\nBody"));
        Path out = dir.resolve("out");
        new StaticExport(site(), RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(in, out, new PrintStream(OutputStream.nullOutputStream()));
        assertTrue(Files.exists(out.resolve("tag/tram.html")));
        for (String file : List.of("category/sport.html", "category/sport", "tag/golf.html", "tag/golf", "archive/2026/10",
                "sitemaps/2026-10-15.xml")) {
            assertFalse(Files.exists(out.resolve(file)), file + ": only a draft is there");
        }
    }

    @Test
    void anEmptySiteStillHasItsHomePageAndNoArchive() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        new StaticExport(site(), RankingRules.DEFAULT, 12, 20, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(in, out, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals("There are no articles here yet.", Jsoup.parse(out.resolve("index.html").toFile()).selectFirst("main p").text());
        for (String file : List.of("feed.xml", "sitemap.xml", "news-sitemap.xml", "404.html")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        assertFalse(Files.exists(out.resolve("archive")));
        assertFalse(Files.exists(out.resolve("sitemaps")));
    }

    private static SiteConfig site() {
        return SiteConfig.from(new Env(Map.of("SITE_URL", "https://news.example.org", "SITE_NAME", "Example")));
    }

    @Test
    void anArticleSharingATagWithThousandsReadsABoundedNeighbourhood_G4() {
        List<Entry> entries = new ArrayList<>();
        Author author = new Author("Amara", "amara", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
        for (int i = 0; i < 5000; i++) {
            entries.add(new Entry("a" + i, 1, "A" + i, NOW.minusSeconds(3600L * i), NOW, Optional.empty(), Optional.empty(),
                    new Term("City", "city"), List.of(author), List.of(new Term("News", "news"), new Term("T" + (i % 7), "t" + (i % 7))), Optional.empty(), 0, false));
        }
        Map<String, Entry> byPath = new HashMap<>();
        entries.forEach(e -> byPath.put(e.path(), e));
        var postings = new MemoryPostings(entries, ZoneOffset.UTC);
        var neighbours = Neighbours.of(postings, byPath, new Ranking(RankingRules.DEFAULT), 12);
        var near = neighbours.of(entries.get(2500).candidate(), List.of());
        assertTrue(near.entries().size() <= 5 * 2 * 12, "at most a window each side in each of its five listings: " + near.entries().size());
        assertEquals(5000, postings.states(List.of(ListingKey.tag("news"))).get(ListingKey.tag("news")).count());
        assertEquals(4, neighbours.rank(entries.get(2500), dev.newsroom.core.article.RelatedChoices.NONE).size());
    }
}

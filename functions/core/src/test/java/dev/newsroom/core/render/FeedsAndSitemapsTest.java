package dev.newsroom.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.index.Archive;
import dev.newsroom.core.index.Entry;
import dev.newsroom.core.index.ListingKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Feeds and sitemaps: well-formed XML in the right namespaces, with every value escaped. */
class FeedsAndSitemapsTest {

    private static final String HOSTILE = "Tom & Jerry <script>alert(1)</script> \"quoted\" 'single' ]]>";
    private final PageRenderer renderer = new PageRenderer(SamplePages.site(Map.of()));
    private final List<Entry> entries = List.of(SamplePages.entry(SamplePages.hostile(HOSTILE)));

    private static Document parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFeedIsAtomWithTheHostileTitleAsText_F2() throws Exception {
        Document feed = parse(renderer.feed(ListingKey.category("hostile-category"), entries));
        String atom = "http://www.w3.org/2005/Atom";
        assertEquals(atom, feed.getDocumentElement().getNamespaceURI());
        var entry = (org.w3c.dom.Element) feed.getElementsByTagNameNS(atom, "entry").item(0);
        assertEquals(HOSTILE, entry.getElementsByTagNameNS(atom, "title").item(0).getTextContent());
        assertEquals("https://news.example.org/articles/hostile",
                entry.getElementsByTagNameNS(atom, "id").item(0).getTextContent());
        assertEquals(HOSTILE + " | The Daily Example",
                feed.getElementsByTagNameNS(atom, "title").item(0).getTextContent(), "named after the category");
    }

    @Test
    void rssCarriesTheSameEntriesWithRfc822DatesAndEscapesValues_F2() throws Exception {
        Document rss = parse(renderer.rss(dev.newsroom.core.index.ListingKey.HOME, entries));
        assertEquals("2.0", rss.getDocumentElement().getAttribute("version"));
        assertEquals(HOSTILE, rss.getElementsByTagName("title").item(1).getTextContent(), "the item's title, as text");
        assertEquals("Fri, 20 Nov 2026 07:30:00 GMT", rss.getElementsByTagName("pubDate").item(0).getTextContent());
        assertEquals("https://news.example.org/articles/hostile", rss.getElementsByTagName("guid").item(0).getTextContent());
        assertEquals("https://news.example.org/rss.xml", ((org.w3c.dom.Element) rss.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link")
                .item(0)).getAttribute("href"));
    }

    @Test
    void sitemapsFollowTheProtocolAndEscapeValues_F2() throws Exception {
        String sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Document index = parse(renderer.sitemapIndex(dev.newsroom.core.index.ListingKey.HOME, List.of(new Archive(LocalDate.of(2026, 11, 20), true))));
        assertEquals("https://news.example.org/news-sitemap.xml", index.getElementsByTagNameNS(sitemaps, "loc").item(0).getTextContent(),
                "the index names the Google News sitemap too");
        assertEquals("https://news.example.org/sitemaps/2026-11-20.xml",
                index.getElementsByTagNameNS(sitemaps, "loc").item(1).getTextContent());
        Document day = parse(renderer.sitemap(entries));
        assertEquals("2026-11-21T07:30:00Z", day.getElementsByTagNameNS(sitemaps, "lastmod").item(0).getTextContent(),
                "the last modification is the article's correction, a day after it was published");
        Document news = parse(renderer.newsSitemap(dev.newsroom.core.index.ListingKey.HOME, entries));
        String google = "http://www.google.com/schemas/sitemap-news/0.9";
        assertEquals(HOSTILE, news.getElementsByTagNameNS(google, "title").item(0).getTextContent());
        assertEquals("The Daily Example", news.getElementsByTagNameNS(google, "name").item(0).getTextContent());
        assertTrue(renderer.newsSitemap(dev.newsroom.core.index.ListingKey.HOME, entries).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    }

    @Test
    void robotsNamesEverySitemapIndexAndNewsSitemapAndKeepsCrawlersOutOfTheApiAndTheDesk() {
        var site = dev.newsroom.core.site.SiteConfig.from(new dev.newsroom.core.config.Env(java.util.Map.of("SITE_URL", "https://news.example.org",
                "SITE_NAME", "The Daily Example with a long name")));
        var files = SiteFiles.of(site, List.of("es"), java.util.Optional.of("example.com, pub-1, DIRECT"));
        java.util.Map<String, String> byKey = new java.util.HashMap<>();
        files.forEach(f -> byKey.put(f.key(), new String(f.content(), java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("""
                User-agent: *
                Disallow: /api/
                Disallow: /desk/

                Sitemap: https://news.example.org/sitemap.xml
                Sitemap: https://news.example.org/news-sitemap.xml
                Sitemap: https://news.example.org/es/sitemap.xml
                Sitemap: https://news.example.org/es/news-sitemap.xml
                """, byKey.get("robots.txt"));
        assertEquals("example.com, pub-1, DIRECT\n", byKey.get("ads.txt"));
        assertTrue(byKey.get("site.webmanifest").contains("\"short_name\":\"The Daily Ex\""), byKey.get("site.webmanifest"));
        // The same bytes from every JVM, so a live site and its export compare equal, and the file is not rewritten for nothing.
        assertTrue(byKey.get("site.webmanifest").contains("{\"src\":\"/favicon.svg\",\"sizes\":\"any\",\"type\":\"image/svg+xml\"}"),
                byKey.get("site.webmanifest"));
        assertEquals(java.util.Set.copyOf(dev.newsroom.core.site.SiteLayout.SITE_FILES), byKey.keySet(),
                "what the site writes at its root is what no alias may take");
        assertTrue(SiteFiles.of(site, List.of(), java.util.Optional.empty()).stream().noneMatch(f -> f.key().equals("ads.txt")),
                "no ads.txt unless the configuration gives one");
    }
}

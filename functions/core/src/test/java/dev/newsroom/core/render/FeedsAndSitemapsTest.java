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
    void sitemapsFollowTheProtocolAndEscapeValues_F2() throws Exception {
        String sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Document index = parse(renderer.sitemapIndex(dev.newsroom.core.index.ListingKey.HOME, List.of(new Archive(LocalDate.of(2026, 11, 20), true))));
        assertEquals("https://news.example.org/sitemaps/2026-11-20.xml",
                index.getElementsByTagNameNS(sitemaps, "loc").item(0).getTextContent());
        Document day = parse(renderer.sitemap(entries));
        assertEquals("2026-11-21T07:30:00Z", day.getElementsByTagNameNS(sitemaps, "lastmod").item(0).getTextContent(),
                "the last modification is the article's correction, a day after it was published");
        Document news = parse(renderer.newsSitemap(dev.newsroom.core.index.ListingKey.HOME, entries));
        String google = "http://www.google.com/schemas/sitemap-news/0.9";
        assertEquals(HOSTILE, news.getElementsByTagNameNS(google, "title").item(0).getTextContent());
        assertEquals("The Daily Example", news.getElementsByTagNameNS(google, "name").item(0).getTextContent());
        assertTrue(renderer.newsSitemap(dev.newsroom.core.index.ListingKey.HOME, entries).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    }
}

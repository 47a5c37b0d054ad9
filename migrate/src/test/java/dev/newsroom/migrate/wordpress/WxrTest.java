package dev.newsroom.migrate.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a WordPress export, and refusing XML that attacks its reader. */
class WxrTest {

    static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""
            + " xmlns:excerpt=\"http://wordpress.org/export/1.1/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.1/\">\n<channel>\n"
            + "<title>Daily Example</title><link>https://daily.example</link>\n"
            + "<wp:author><wp:author_login><![CDATA[ana]]></wp:author_login><wp:author_display_name><![CDATA[Ana Ruiz]]>"
            + "</wp:author_display_name></wp:author>\n";

    @TempDir
    Path dir;

    private Path write(String xml) throws IOException {
        return Files.writeString(dir.resolve("export.xml"), xml);
    }

    @Test
    void readsItemsWithTheirTermsMetadataAndComments() throws IOException {
        Wxr wxr = Wxr.read(write(HEAD + """
                <item><title>Bridge &amp; tunnel</title><link>https://daily.example/2024/05/01/bridge/</link>
                <dc:creator><![CDATA[ana]]></dc:creator>
                <content:encoded><![CDATA[Line one.

                Line two.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
                <wp:post_id>12</wp:post_id><wp:post_date_gmt>2024-05-01 08:00:00</wp:post_date_gmt>
                <wp:post_name><![CDATA[bridge]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
                <wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>1</wp:is_sticky>
                <category domain="category" nicename="city"><![CDATA[City]]></category>
                <category domain="post_tag" nicename="transport"><![CDATA[Transport]]></category>
                <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta>
                <wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author><![CDATA[Reader]]></wp:comment_author>
                <wp:comment_content><![CDATA[Nice.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved>
                <wp:comment_parent>0</wp:comment_parent></wp:comment>
                </item></channel></rss>
                """));
        assertEquals("Daily Example", wxr.title());
        assertEquals(Map.of("ana", "Ana Ruiz"), wxr.authorNames());
        Wxr.Item item = wxr.items().get(0);
        assertEquals("Bridge & tunnel", item.title());
        assertEquals("Line one.\n\nLine two.", item.content());
        assertTrue(item.sticky());
        assertEquals(List.of(new Wxr.Term("category", "city", "City"), new Wxr.Term("post_tag", "transport", "Transport")), item.terms());
        assertEquals("7", item.meta().get("_thumbnail_id"));
        assertEquals("Nice.", item.comments().get(0).content());
    }

    @Test
    void refusesExternalEntities_C15() throws IOException {
        Path xml = write("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + "<rss><channel><title>&secret;</title></channel></rss>");
        IOException e = assertThrows(IOException.class, () -> Wxr.read(xml));
        assertTrue(e.getMessage().contains("declares a DTD"), e.getMessage());
    }

    @Test
    void refusesEntityExpansionBombs_C15() throws IOException {
        StringBuilder dtd = new StringBuilder("<!ENTITY a \"lol\">");
        for (char c = 'b'; c <= 'j'; c++) {
            dtd.append("<!ENTITY ").append(c).append(" \"").append(("&" + (char) (c - 1) + ";").repeat(10)).append("\">");
        }
        Path xml = write("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [" + dtd + "]>\n<rss><channel><title>&j;</title></channel></rss>");
        assertThrows(IOException.class, () -> Wxr.read(xml));
    }

    /** Found by WxrFuzzTest: the JDK's reader failed on this DTD with an unchecked MissingResourceException. */
    @Test
    void refusesAMalformedDtdAndBytesThatAreNotTheirEncoding_C15() throws IOException {
        Path dtd = write("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///x\">\u001e]>\n<rss><channel/></rss>");
        IOException e = assertThrows(IOException.class, () -> Wxr.read(dtd));
        assertTrue(e.getMessage().contains("cannot be read safely") || e.getMessage().contains("not a WordPress export"), e.getMessage());
        Path latin1 = dir.resolve("latin1.xml");
        Files.write(latin1, (HEAD + "<item><title>Caf\u00e9</title></item></channel></rss>").getBytes(StandardCharsets.ISO_8859_1));
        assertThrows(IOException.class, () -> Wxr.read(latin1));
    }

    @Test
    void refusesWhatIsNotAnExport_C15() throws IOException {
        IOException e = assertThrows(IOException.class, () -> Wxr.read(write("<html><body>no</body></html>")));
        assertTrue(e.getMessage().contains("not a WordPress export"), e.getMessage());
        assertThrows(IOException.class, () -> Wxr.read(write(HEAD + "<item><title>unclosed")));
    }
}

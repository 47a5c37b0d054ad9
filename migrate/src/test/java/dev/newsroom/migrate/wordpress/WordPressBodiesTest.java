package dev.newsroom.migrate.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WordPress content, shown as WordPress shows it. */
class WordPressBodiesTest {

    private static final Map<Long, WordPressBodies.Attachment> ATTACHMENTS = Map.of(
            7L, new WordPressBodies.Attachment(7, "https://example.files.wordpress.com/a.jpg", "Bell \"tower\""),
            8L, new WordPressBodies.Attachment(8, "https://example.files.wordpress.com/b.jpg", "Harbour"));

    private static String html(String content) {
        return WordPressBodies.html(content, ATTACHMENTS::get, List.of(ATTACHMENTS.get(8L)));
    }

    @Test
    void givesClassicContentParagraphsFromBlankLinesAsWpautopDoes() {
        assertEquals("<p>First line<br>\nsame paragraph.</p>\n\n<p>Second.</p>\n\n<ul>\n<li>item</li>\n</ul>\n\n"
                        + "<pre>code\n\n  kept</pre>",
                html("First line\nsame paragraph.\r\n\r\nSecond.\n\n<ul>\n<li>item</li>\n</ul>\n\n<pre>code\n\n  kept</pre>"));
    }

    @Test
    void dropsGutenbergsBlockCommentsAndLeavesItsHtml() {
        assertEquals("<p>Block one.</p>\n\n<h2>Title</h2>",
                html("<!-- wp:paragraph -->\n<p>Block one.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2>Title</h2>\n<!-- /wp:heading -->"));
        assertEquals("<p>Before.</p>\n\n<p>After.</p>", html("Before.\n\n<!--more-->\n\nAfter."));
    }

    @Test
    void rendersCaptionsGalleriesEmbedsAndMedia() {
        assertEquals("<figure><a href=\"https://x.example/full\"><img src=\"a.jpg\" alt=\"\" /></a><figcaption>The bell tower</figcaption></figure>",
                html("[caption id=\"attachment_7\" align=\"alignright\" width=\"300\"]<a href=\"https://x.example/full\"><img src=\"a.jpg\" alt=\"\" /></a> The bell tower[/caption]"));
        assertEquals("<figure><img src=\"https://example.files.wordpress.com/a.jpg\" alt=\"Bell &quot;tower&quot;\">"
                        + "<img src=\"https://example.files.wordpress.com/b.jpg\" alt=\"Harbour\"></figure>",
                html("[gallery ids=\"7, 8, 99\"]"));
        assertEquals("<figure><img src=\"https://example.files.wordpress.com/b.jpg\" alt=\"Harbour\"></figure>",
                html("[gallery columns=\"2\"]"), "without ids, the post's own attachments");
        assertEquals("<p><a href=\"https://www.youtube.com/watch?v=nwe-H6l4beM\">https://www.youtube.com/watch?v=nwe-H6l4beM</a></p>",
                html("[embed]https://www.youtube.com/watch?v=nwe-H6l4beM[/embed]"));
        assertEquals(html("[embed]https://wordpress.tv/2009/03/16/x/[/embed]"), html("https://wordpress.tv/2009/03/16/x/"),
                "a URL alone on its line is an embed");
        assertEquals("<p>Audio: <a href=\"https://x.example/a.mp3\">https://x.example/a.mp3</a></p>",
                html("[audio mp3=\"https://x.example/a.mp3\"][/audio]"));
    }

    @Test
    void leavesShortcodesNothingRegisteredAsWritten() {
        assertEquals("<p>[contact-form-7 id=\"1\"] and [brackets]</p>", html("[contact-form-7 id=\"1\"] and [brackets]"));
    }
}

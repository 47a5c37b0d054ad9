package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.shortcode.Shortcodes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRendererTest {

    static final Shortcodes.Page NO_PAGE = new Shortcodes.Page(Map.of(), Map.of(), reference -> Optional.empty(), 1);

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private Document render(String markdown) throws InvalidArticleException {
        return Jsoup.parseBodyFragment(renderer.render(markdown, NO_PAGE).html());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[x](javascript:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "![](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<svg onload=alert(1)></svg>",
            "<div style=\"background:url(javascript:alert(1))\" onclick=\"alert(1)\">x</div>",
            "<form action=\"https://evil.example\"><input name=p></form>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<p><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"})
    void leavesNothingExecutable_C6(String hostile) throws InvalidArticleException {
        Document doc = render("Before.\n\n" + hostile + "\n\nAfter.");
        for (Element e : doc.body().getAllElements()) {
            assertFalse(java.util.Set.of("script", "iframe", "svg", "object", "embed", "form", "input", "style", "math")
                    .contains(e.tagName()), () -> "kept <" + e.tagName() + "> from " + hostile);
            e.attributes().forEach(a -> {
                assertFalse(a.getKey().startsWith("on"), () -> "kept " + a + " from " + hostile);
                assertFalse(a.getKey().equals("style"), () -> "kept " + a + " from " + hostile);
                String value = a.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
                assertFalse(value.startsWith("javascript:") || value.startsWith("data:") || value.startsWith("vbscript:"),
                        () -> "kept " + a + " from " + hostile);
            });
        }
        assertTrue(doc.text().contains("Before."));
    }

    /** Bodies without raw HTML skip the sanitiser, so what the renderer writes must already be what it allows. */
    @ParameterizedTest
    @ValueSource(strings = {
            "[x](javascript:alert(1)) [y](&#106;avascript:alert(1)) [z](JaVaScRiPt:alert(1)) [v](vbscript:x)",
            "<javascript:alert(1)> <https://ok.example/a?b=1&c=2> <mail@example.org>",
            "![](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![a \"b\"](/x.png \"t\\\" onerror=x\")",
            "[t](https://ok.example \"title \\\" onmouseover=alert(1)\")",
            "```js\" onmouseover=\"alert(1)\nlet a = '<script>';\n```\n\n```c++\nint a;\n```",
            "Text with \\<script\\> and `<b>code</b>` and &lt;i&gt; and &#60;img&#62;",
            "# One\n\n> quote *em* **strong** ~~del~~\n\n1234567. big start\n\n- a\n- b\n\n---\n\nline  \nbreak",
            "| a | b |\n|:--|--:|\n| [l](javascript:x) | ![i](/i.png) |"})
    void writesOnlyWhatTheSanitiserAllowsWhenThereIsNoRawHtml_C6(String markdown) throws InvalidArticleException {
        String html = renderer.render(markdown, NO_PAGE).html();
        assertEquals(Jsoup.parseBodyFragment(MarkdownRenderer.BODY_POLICY.sanitize(html)).body().html(),
                Jsoup.parseBodyFragment(html).body().html());
    }

    @Test
    void findsRawHtmlInsideParagraphsAndBlocks_C6() throws InvalidArticleException {
        for (String body : List.of("Text <span onclick=\"alert(1)\">x</span> more.", "> quote <b onmouseover=x>b</b>",
                "- item <img src=x onerror=alert(1)>", "<div onclick=\"x\">\n\nblock\n\n</div>")) {
            Document doc = render(body);
            assertTrue(doc.select("[onclick], [onmouseover], [onerror], div").isEmpty(), () -> doc.body().html());
        }
    }

    @Test
    void rendersTablesWithValidAlignment() throws InvalidArticleException {
        Document doc = render("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |");
        assertEquals("align-left", doc.select("th").get(0).className());
        assertEquals("align-center", doc.select("td").get(1).className());
        assertTrue(doc.select("[align]").isEmpty());
    }

    @Test
    void shiftsHeadingsBelowTheHeadline() throws InvalidArticleException {
        Document doc = render("# One\n\n## Two\n\n###### Six");
        assertEquals("One", doc.selectFirst("h2").text());
        assertEquals("Two", doc.selectFirst("h3").text());
        assertEquals("Six", doc.selectFirst("h4").text(), "one level below the heading before it, not h6");
        assertTrue(doc.select("h1").isEmpty());
    }

    @Test
    void neverSkipsAHeadingLevel() throws InvalidArticleException {
        Document doc = render("## Releases\n\n##### Collector\n\n###### Detail\n\n### Other\n\n## Next");
        assertEquals(List.of("h2", "h3", "h4", "h3", "h2"), doc.select("h2, h3, h4, h5, h6").stream().map(Element::tagName).toList());
    }

    @Test
    void readsHtmlBodiesWithTheSamePolicyAndHeadings_C6() {
        MarkdownRenderer.Body body = renderer.html("<h1>Top</h1>\n<p>The <em>first</em> &amp; best &#8220;paragraph&#8221;.</p>"
                + "<h4 class=\"x\">Deep</h4><p onclick=\"alert(1)\">Safe<script>alert(2)</script></p><h2>Next</h2>");
        Document doc = Jsoup.parseBodyFragment(body.html());
        assertEquals(List.of("h2", "h3", "h3"), doc.select("h1, h2, h3, h4, h5, h6").stream().map(Element::tagName).toList());
        assertTrue(doc.select("script, [onclick]").isEmpty(), body.html());
        assertEquals("The first & best \u201cparagraph\u201d.", body.opening());
    }

    @Test
    void dropsTheEmptyTablesAndListsThatHtmlForbids() {
        String html = renderer.html("<table></table><table><tbody><tr></tr></tbody></table>"
                + "<dl class=\"wp-caption\"><dt class=\"wp-caption-dt\"></dt></dl><ul> </ul><table><tr><td>kept</td></tr></table>").html();
        assertEquals("<table><tbody><tr><td>kept</td></tr></tbody></table>", html.strip());
    }

    @Test
    void dropsLineBreaksBetweenADefinitionListsTerms() {
        String html = renderer.html("<dl><br /><dt>Term</dt><br />\n<dd>Mean<br>ing</dd><br /></dl><br />").html();
        assertEquals("<dl><dt>Term</dt><dd>Mean<br />ing</dd></dl><br />", html.strip().replace("\n", ""),
                "a break inside a definition or after the list stays");
    }

    @Test
    void leavesBodiesThatStartAtH2Alone() throws InvalidArticleException {
        Document doc = render("## Two\n\n### Three");
        assertEquals("Two", doc.selectFirst("h2").text());
        assertEquals("Three", doc.selectFirst("h3").text());
    }

    @Test
    void keepsSafeLinksAndImagesAndGivesImagesAltAndLazyLoading() throws InvalidArticleException {
        Document doc = render("[report](https://council.example.org/r) ![Map](/assets/map.png) <img src=\"/assets/x.png\">");
        assertEquals("https://council.example.org/r", doc.selectFirst("a").attr("href"));
        Element map = doc.selectFirst("img[src=/assets/map.png]");
        assertEquals("Map", map.attr("alt"));
        assertEquals("lazy", map.attr("loading"));
        assertTrue(doc.selectFirst("img[src=/assets/x.png]").hasAttr("alt"));
    }

    /** Raw HTML goes through the sanitiser, Markdown through the renderer: either way an image gets the same attributes. */
    @Test
    void everyBodyImageLoadsLazilyWhicheverPathRenderedIt() throws InvalidArticleException {
        for (String body : List.of("![Map](/assets/map.png)", "<p><img src=\"/assets/map.png\" alt=\"Map\"></p>",
                "<img src=\"/assets/map.png\" alt=\"Map\" loading=\"eager\" decoding=\"sync\">",
                "<figure><img src=\"/assets/map.png\" alt=\"Map\" loading=\"lazy\"></figure>")) {
            Element img = render(body).selectFirst("img");
            assertEquals("lazy", img.attr("loading"), body);
            assertEquals("async", img.attr("decoding"), body);
            assertEquals(1, img.attributes().asList().stream().filter(a -> a.getKey().equals("loading")).count(), body);
        }
    }

    @Test
    void givesThePlainTextOfTheFirstParagraph() throws InvalidArticleException {
        assertEquals("Lead with a link and code.",
                renderer.render("## Title\n\nLead with [a link](https://x.example) and `code`.\n\nMore.", NO_PAGE).opening());
    }

    @Test
    void shortensAtAWordBoundary() throws InvalidArticleException {
        assertEquals("one two\u2026", MarkdownRenderer.shorten("one two three", 10));
        assertEquals("short", MarkdownRenderer.shorten("short", 10));
    }
}

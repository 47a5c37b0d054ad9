package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.shortcode.Shortcodes;
import dev.newsroom.core.shortcode.SiteShortcode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hugo's shortcodes as {@link MarkdownRenderer} expands them: what readers see, and what editors are told. */
class ShortcodesTest {

    private static final Shortcodes.Page PAGE = new Shortcodes.Page(
            Map.of("canonical_url", "https://medium.com/post", "Params", Map.of("eventUrl", "https://events.example/kubecon")),
            Map.of("notes", Map.of("docker-compose-v2", "`docker-compose` is deprecated. See [Compose V2](https://docs.docker.com/compose/).")),
            reference -> reference.endsWith("missing.md") ? Optional.empty()
                    : Optional.of("/articles/" + reference.replaceAll(".*/|\\.md$", "")), 1);

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private MarkdownRenderer.Body body(String markdown) throws InvalidArticleException {
        return renderer.render(markdown, PAGE);
    }

    private Document page(String markdown) throws InvalidArticleException {
        MarkdownRenderer.Body body = body(markdown);
        assertFalse(body.html().contains("{{"), () -> "delimiters shown to readers: " + body.html());
        return Jsoup.parseBodyFragment(body.html());
    }

    @Test
    void rendersAFigureWithItsCaptionAttributionAndLink() throws InvalidArticleException {
        Document doc = page("Before.\n\n{{< figure class=\"figure\" src=\"pipeline.png\" caption=\"The *pipeline*\" "
                + "link=\"https://example.org/full\" attr=\"OTelBin\" attrlink=`https://www.otelbin.io/s/6973` >}}\n\nAfter.");
        Element figure = doc.selectFirst("figure");
        assertNotNull(figure);
        Element img = figure.selectFirst("a[href=https://example.org/full] > img[src=pipeline.png]");
        assertNotNull(img, figure::outerHtml);
        assertEquals("The pipeline", img.attr("alt"), "Hugo takes the alt text from the caption");
        assertEquals("lazy", img.attr("loading"));
        assertEquals("pipeline", figure.selectFirst("figcaption em").text());
        assertEquals("OTelBin", figure.selectFirst("figcaption a[href=https://www.otelbin.io/s/6973]").text());
        assertFalse(figure.hasAttr("class"), "a site's own figure classes mean nothing to this site's styles");
        assertEquals(List.of("Before.", "After."), doc.select("p").eachText());
    }

    @Test
    void aFigureAloneInAParagraphIsNotWrappedInOne() throws InvalidArticleException {
        String html = body("{{< figure src=\"/assets/a.png\" alt=\"A chart\" >}}").html();
        assertTrue(html.startsWith("<figure>"), html);
        assertEquals("The opening.", body("{{< figure src=\"/assets/a.png\" >}}\n\nThe opening.").opening(),
                "the summary comes from the first paragraph with words");
    }

    @Test
    void embedsVideosOnPlayersThatSetNoTrackingCookies() throws InvalidArticleException {
        Document doc = page("{{<youtube eZ3OrhxUAmU>}}\n\n{{< youtube id=\"fgbB0HhVBq8\" title=\"The talk\" >}}\n\n{{< vimeo 55073825 >}}");
        List<Element> frames = doc.select("figure.embed > iframe");
        assertEquals(List.of("https://www.youtube-nocookie.com/embed/eZ3OrhxUAmU", "https://www.youtube-nocookie.com/embed/fgbB0HhVBq8",
                "https://player.vimeo.com/video/55073825?dnt=1"), frames.stream().map(f -> f.attr("src")).toList());
        assertEquals(List.of("YouTube video", "The talk", "Vimeo video"), frames.stream().map(f -> f.attr("title")).toList());
        assertTrue(frames.stream().allMatch(f -> f.attr("loading").equals("lazy")));
    }

    @Test
    void linksToPostsInsteadOfFetchingThem() throws InvalidArticleException {
        Document doc = page("{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n\n{{< tweet 877500564405444608 >}}\n\n"
                + "{{< gist spf13 7896402 img.html >}}\n\n{{< instagram CxOWiQNP2MO >}}");
        assertEquals(List.of("https://x.com/SanDiegoZoo/status/1453110110599868418", "https://x.com/i/status/877500564405444608",
                "https://gist.github.com/spf13/7896402#file-img-html", "https://www.instagram.com/p/CxOWiQNP2MO/"),
                doc.select("p.embed-link a").eachAttr("href"));
        assertEquals("Post by @SanDiegoZoo on X", doc.selectFirst("p.embed-link a").text());
        assertTrue(doc.select("script, iframe, blockquote.twitter-tweet").isEmpty());
    }

    @Test
    void highlightsCodeWithItsLanguageAndEscapesIt() throws InvalidArticleException {
        Document doc = page("{{< highlight go \"linenos=table\" >}}\nif a < b && c {\n\treturn \"<script>\"\n}\n{{< /highlight >}}");
        Element code = doc.selectFirst("pre > code.language-go");
        assertNotNull(code);
        assertEquals("if a < b && c {\n\treturn \"<script>\"\n}", code.wholeText());
        assertTrue(doc.select("script").isEmpty());
    }

    @Test
    void rendersDetailsWithMarkdownInside() throws InvalidArticleException {
        Document doc = page("{{< details summary=\"See **more**\" open=true >}}\nA [link](https://example.org).\n\n- one\n- two\n{{< /details >}}");
        Element details = doc.selectFirst("details[open]");
        assertNotNull(details);
        assertEquals("more", details.selectFirst("summary strong").text());
        assertEquals(2, details.select("ul li").size());
        assertNull(page("{{% details %}}Closed.{{% /details %}}").selectFirst("details[open]"));
    }

    @Test
    void resolvesReferencesToOtherPagesInsideLinks() throws InvalidArticleException {
        Document doc = page("Read [the roadmap]({{< ref \"/blog/2023/collector-roadmap.md#phase-2\" >}}) and "
                + "[this]({{< relref \"#intro\" >}}) and [that]({{% relref missing.md %}}).");
        assertEquals(List.of("/articles/collector-roadmap#phase-2", "#intro", "#"), doc.select("a").eachAttr("href"));
        assertEquals(List.of("line 1: the shortcode {{% relref %}} names missing.md, which is not a page here: it links to the page itself"),
                body("[that]({{% relref missing.md %}})").warnings());
    }

    @Test
    void readsParametersFromThePageThenTheSite() throws InvalidArticleException {
        Document doc = page("Also on [Medium]({{% param canonical_url %}}), at [KubeCon]({{% param eventUrl %}}).\n\n"
                + "{{% param \"notes.docker-compose-v2\" %}}");
        assertEquals(List.of("https://medium.com/post", "https://events.example/kubecon", "https://docs.docker.com/compose/"),
                doc.select("a").eachAttr("href"));
        assertEquals("docker-compose", doc.selectFirst("code").text(), "a {{% %}} parameter is Markdown");
        MarkdownRenderer.Body missing = body("Intro.\n\n{{% param crosspost_url %}}");
        assertEquals("<p>Intro.</p>", missing.html().strip());
        assertEquals(List.of("line 3: the shortcode {{% param %}} names crosspost_url, which neither the page nor the site sets: it was left out"),
                missing.warnings());
    }

    @Test
    void removesCommentsWithWhatTheyHold() throws InvalidArticleException {
        MarkdownRenderer.Body body = body("Kept.\n{{< comment >}}\nTODO: {{< figure src=\"x.png\" >}} an editor's note\n{{< /comment >}}\n"
                + "{{% comment %}}another{{% /comment %}}");
        assertEquals("<p>Kept.</p>", body.html().strip());
        assertEquals(List.of(), body.warnings());
    }

    @Test
    void showsTheContentOfAShortcodeNobodyDefinedAndSaysSo() throws InvalidArticleException {
        MarkdownRenderer.Body body = body("{{< blog/integration-badge >}}\n\nIntro.\n\n{{% quote author=\"Ada\" %}}Notes **matter**, "
                + "see {{< youtube eZ3OrhxUAmU >}}.{{% /quote %}}");
        Document doc = Jsoup.parseBodyFragment(body.html());
        assertFalse(body.html().contains("{{"), body.html());
        assertEquals("matter", doc.selectFirst("strong").text());
        assertNotNull(doc.selectFirst("iframe[src$=eZ3OrhxUAmU]"), "shortcodes inside are expanded");
        assertEquals("Intro.", body.opening());
        assertEquals(List.of(
                "line 1: the shortcode {{< blog/integration-badge >}} is not a shortcode this site defines: it was left out",
                "line 5: the shortcode {{% quote %}} is not a shortcode this site defines: its content is shown without it"),
                body.warnings());
    }

    @Test
    void printsEscapedShortcodesAsWrittenForPagesAboutThem() throws InvalidArticleException {
        MarkdownRenderer.Body body = body("Write `{{</* figure src=\"a.png\" */>}}` or `{{%/* param x */%}}`.");
        assertEquals(List.of("{{< figure src=\"a.png\" >}}", "{{% param x %}}"),
                Jsoup.parseBodyFragment(body.html()).select("code").eachText());
        assertEquals(List.of(), body.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{{< youtube \"x\\\" onload=alert(1) x=\\\"\" >}}",
            "{{< youtube id=\"../../evil\" >}}",
            "{{< vimeo \"1 onload=alert(1)\" >}}",
            "{{< figure src=\"javascript:alert(1)\" caption=\"x\" >}}",
            "{{< figure src=\"data:image/svg+xml,<svg onload=alert(1)>\" >}}",
            "{{< figure src=\"a.png\" link=\"javascript:alert(1)\" caption=\"<img src=x onerror=alert(1)>\" >}}",
            "{{< figure src=\"a.png\\\" onerror=\\\"alert(1)\" alt=\"\\\" onload=\\\"alert(1)\" title=\"<script>alert(1)</script>\" >}}",
            "{{< x user=\"a/../b\" id=\"1\\\" onclick=\\\"alert(1)\" >}}",
            "{{< gist \"u\\\"><script>\" 1 >}}",
            "{{< highlight \"go\\\" onmouseover=\\\"alert(1)\" >}}<script>alert(1)</script>{{< /highlight >}}",
            "{{< details summary=\"<img src=x onerror=alert(1)>\" >}}<iframe src=\"https://evil.example\"></iframe>{{< /details >}}",
            "{{< unknown >}}<script>alert(1)</script>{{< /unknown >}}",
            "[x]({{% param evil %}})",
            "\uE0000\uE001 {{< youtube eZ3OrhxUAmU >}} \uE0000\uE001"})
    void parametersAreOutsideInputAndNothingInThemRuns_C11(String hostile) throws InvalidArticleException {
        var page = new Shortcodes.Page(Map.of("evil", "javascript:alert(1)"), Map.of(), reference -> Optional.empty(), 1);
        MarkdownRenderer.Body body = renderer.render(hostile, page);
        Document doc = Jsoup.parseBodyFragment(body.html());
        assertTrue(doc.select("script, svg, iframe:not([src^=https://www.youtube-nocookie.com/embed/])").isEmpty(), body.html());
        doc.getAllElements().forEach(element -> element.attributes().forEach(attribute -> {
            assertFalse(attribute.getKey().startsWith("on"), () -> "event handler in " + body.html());
            assertFalse(attribute.getValue().strip().toLowerCase().startsWith("javascript:"), () -> "script URL in " + body.html());
            assertFalse(attribute.getValue().strip().toLowerCase().startsWith("data:"), () -> "data URL in " + body.html());
        }));
        assertTrue(doc.select("iframe").size() <= 1, "a forged token repeats nothing: " + body.html());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Text.\n\n{{< figure src=\"a.png\"\n\nMore.",
            "{{< details summary=\"x\" >}}never closed",
            "{{< /details >}}",
            "{{< highlight go >}}code{{< /details >}}",
            "{{< figure src=\"a.png >}}",
            "{{< >}}",
            "{{</* figure",
            // Found by ArticleParserFuzzTest: a named parameter's "=" at the very end of the file threw out of the parser.
            "{{< details summary=",
            "{{< youtube id="})
    void refusesWhatHugoWouldRefuseToBuildNamingTheLine_C12(String malformed) {
        InvalidArticleException e = assertThrows(InvalidArticleException.class, () -> body(malformed));
        assertEquals("body", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().startsWith("line "), e.problems().get(0).message());
    }

    @Test
    void boundsNesting_C12() {
        String deep = "{{< details >}}".repeat(40) + "x" + "{{< /details >}}".repeat(40);
        InvalidArticleException e = assertThrows(InvalidArticleException.class, () -> body(deep));
        assertTrue(e.problems().get(0).message().contains("nested more than"), e.problems().get(0).message());
    }

    @Test
    void leavesBodiesWithoutShortcodesAsTheyWere() throws InvalidArticleException {
        String markdown = "A {{ go template }} and {{ .Title }} stay text.\n\n```\n{{ range . }}\n```";
        MarkdownRenderer.Body body = body(markdown);
        assertTrue(body.html().contains("{{ go template }}"), body.html());
        assertEquals(List.of(), body.warnings());
    }

    private static final Map<String, SiteShortcode> OWN = Map.of(
            "imgtxt", new SiteShortcode.Alias("figure", Map.of("text", "caption", "0", "src")),
            "blog/integration-badge", SiteShortcode.Snippet.read(
                    "<p class=\"badge\">Integration by <a href=\"{{ link }}\" title='{{ who }}'>{{ 0 }}</a></p>").shortcode().orElseThrow(),
            "aside", SiteShortcode.Snippet.read("<blockquote><strong>{{ title }}</strong>{{ inner }}</blockquote>").shortcode().orElseThrow());

    private MarkdownRenderer.Body withOwn(String markdown) throws InvalidArticleException {
        return renderer.render(markdown, new Shortcodes.Page(Map.of(), Map.of("site_only", "From the site"), reference -> Optional.empty(), 1, OWN));
    }

    @Test
    void aSitesOwnShortcodeRendersAsTheBuiltInItMapsTo() throws InvalidArticleException {
        MarkdownRenderer.Body body = withOwn("{{< imgtxt \"/assets/a.png\" text=\"A *chart*\" >}}");
        Element figure = Jsoup.parseBodyFragment(body.html()).selectFirst("figure");
        assertNotNull(figure, body.html());
        assertEquals("/assets/a.png", figure.selectFirst("img").attr("src"));
        assertEquals("chart", figure.selectFirst("figcaption em").text());
        assertEquals(Set.of(Shortcodes.usesShortcode("imgtxt")), body.siteSettingsUsed());
    }

    @Test
    void aSnippetFillsItsPlaceholdersEscapedForWhereTheyStand_C19() throws InvalidArticleException {
        MarkdownRenderer.Body body = withOwn("{{< blog/integration-badge \"<b>Acme</b>\" link=\"https://acme.example/?a=1&b=2\" who=\"x' onmouseover='alert(1)\" >}}\n\n"
                + "{{< blog/integration-badge \"Evil\" link=\"javascript:alert(1)\" >}}\n\n"
                + "{{% aside title=\"Note\" %}}Some *inner* text, {{< param site_only >}}.{{% /aside %}}");
        Document doc = Jsoup.parseBodyFragment(body.html());
        Element first = doc.select("p a").get(0);
        assertEquals("<b>Acme</b>", first.text(), "a parameter in text is text");
        assertEquals("https://acme.example/?a=1&b=2", first.attr("href"));
        assertEquals("x' onmouseover='alert(1)", first.attr("title"), "a parameter in a value stays in it");
        assertFalse(first.hasAttr("onmouseover"));
        assertFalse(doc.select("p a").get(1).attr("href").contains("javascript"), body.html());
        assertEquals("Note", doc.selectFirst("blockquote > strong").text());
        assertEquals("inner", doc.selectFirst("blockquote em").text());
        assertTrue(doc.selectFirst("blockquote").text().contains("From the site"), body.html());
        assertEquals(Set.of(Shortcodes.usesShortcode("blog/integration-badge"), Shortcodes.usesShortcode("aside"),
                Shortcodes.usesParam("site_only")), body.siteSettingsUsed());
    }
}

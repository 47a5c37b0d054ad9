package dev.newsroom.core.article;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.site.SiteLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArticleParserTest {

    static final java.util.concurrent.atomic.AtomicBoolean CANARY_LOADED = new java.util.concurrent.atomic.AtomicBoolean();

    private final ArticleParser parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "The Daily Example", ZoneId.of("Europe/Lisbon"));

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ArticleParserTest.class.getResourceAsStream("/articles/" + name)) {
            return in.readAllBytes();
        }
    }

    private Article parse(String key, String text) throws InvalidArticleException {
        return parser.parse(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Problem> problems(String key, String text) {
        return assertThrows(InvalidArticleException.class, () -> parse(key, text)).problems();
    }

    private static String md(String frontMatter, String body) {
        return "---\n" + frontMatter + "\n---\n" + body;
    }

    @Test
    void readsALeadImagesCaptionAndCreditAndRefusesOverlongOnes_C5() throws InvalidArticleException {
        var meta = parse("articles/caption.md", md("title: Captioned\ndate: 2026-11-20\nimage: {src: /assets/quay.jpg, alt: The quay,"
                + " caption: 'The quay at dawn, before the works', credit: 'Photo: Lena Berg'}", "Body.")).metadata();
        assertEquals(Optional.of(new LeadImage("/assets/quay.jpg", "The quay", Optional.of("The quay at dawn, before the works"),
                Optional.of("Photo: Lena Berg"))), meta.image());

        List<Problem> problems = problems("articles/long.md", md("title: Long\ndate: 2026-11-20\nimage: {src: /assets/quay.jpg, caption: '"
                + "x".repeat(501) + "', credit: '" + "y".repeat(201) + "'}", "Body."));
        assertEquals(List.of("image.caption", "image.credit"), problems.stream().map(Problem::field).toList());
    }

    @Test
    void anArticlesUrlIsItsPathAsHugoWritesIt() throws Exception {
        assertEquals("/blog/2019/06/07/ropensci-docs/", parse("articles/a.md",
                md("title: A\ndate: 2019-06-07\nurl: /blog/2019/06/07/ropensci-docs/", "")).path());
        assertEquals("/es/blog/collector", parse("articles/a.md", md("title: A\ndate: 2019-06-07\nurl: es/blog/collector", "")).path(),
                "Hugo reads a url without a leading slash from the site's root");
        Article article = parse("articles/2019/shared-name.md", md("title: A\ndate: 2019-06-07\nurl: /blog/2019/shared-name/", ""));
        assertEquals("shared-name", article.metadata().slug(), "the slug stays what the file or front matter says");
    }

    @Test
    void aliasesAreTheOldAddressesThatRedirectHere() throws Exception {
        Article article = parse("articles/a.md", md("title: A\ndate: 2019-06-07\nurl: /blog/2019/a/\naliases:\n"
                + "  - /2019/06/07/a/\n  - old-a.html\n  - /blog/2019/a/\n  - /2019/06/07/a/\n  - /?p=42", ""));
        assertEquals(List.of("/2019/06/07/a/", "/2019/06/07/a", "/blog/2019/old-a.html", "/blog/2019/a", "/?p=42"), article.aliases(),
                "a folder with and without its slash, a relative alias from the article's folder, once each, never the article's own path");
        assertEquals(List.of(), article.warnings());
    }

    @Test
    void anAliasThatCannotRedirectHereIsLeftOutWithAWarningAndTheArticleIsPublished_C18() throws Exception {
        Article article = parse("articles/a.md", md("title: A\ndate: 2019-06-07\naliases: ['https://evil.example/a', '/tag/x', '/kept/']", ""));
        assertEquals(List.of("/kept/", "/kept"), article.aliases());
        assertEquals(List.of("aliases", "aliases"), article.warnings().stream().map(Problem::field).toList(), article.warnings()::toString);
        assertTrue(article.warnings().get(0).message().contains("points off the site"), article.warnings()::toString);
    }

    @Test
    void aStaticPageIsAtTheRootNeverListedAndTakesNoComments() throws Exception {
        Article page = parser.forPages().parse("pages/about.md", md("title: About us\ndate: 2024-01-01\ncomments: open", "Who we are.")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("/about", page.path());
        assertTrue(page.metadata().page());
        assertFalse(page.metadata().commentsOpen(), "a page takes no comments, whatever its front matter says");
        assertEquals(Optional.empty(), dev.newsroom.core.index.Entry.of(StoredArticle.first(page, ArticleStatus.PUBLISHED, "pages/about.md",
                "01", "h", Instant.EPOCH)), "no listing, feed, sitemap or related list shows it");
        assertEquals("/team/contact/", parser.forPages().parse("pages/contact.md",
                md("title: Contact\ndate: 2024-01-01\nurl: /team/contact/", "").getBytes(StandardCharsets.UTF_8)).path());
        assertFalse(parse("articles/about.md", md("title: About\ndate: 2024-01-01", "")).metadata().page());
    }

    @Test
    void readsACorrectionAsANoteAMappingOrAList() throws Exception {
        assertEquals(List.of(new Correction("The fare is 2 euros.", Optional.empty())),
                parse("articles/a.md", md("title: A\ndate: 2026-11-20\ncorrection: The fare is 2 euros.", "B.")).metadata().corrections());
        assertEquals(List.of(new Correction("Fixed a name.", Optional.of(Instant.parse("2026-11-21T00:00:00Z")))),
                parse("articles/a.md", md("title: A\ndate: 2026-11-20\ncorrection: {text: Fixed a name., date: 2026-11-21}", "B."))
                        .metadata().corrections());
        assertEquals(2, parse("articles/a.md", md("title: A\ndate: 2026-11-20\ncorrections:\n  - One.\n  - {text: Two., date: 2026-11-22}", "B."))
                .metadata().corrections().size());
    }

    @Test
    void refusesACorrectionWithoutTextOrOfAnotherShape_C5() {
        assertEquals(List.of("correction.text"), problems("articles/a.md", md("title: A\ndate: 2026-11-20\ncorrection: {date: 2026-11-21}", "B."))
                .stream().map(Problem::field).toList());
        assertEquals(List.of("correction[0]"), problems("articles/a.md", md("title: A\ndate: 2026-11-20\ncorrection: [[nested]]", "B."))
                .stream().map(Problem::field).toList());
        assertEquals(List.of("correction"), problems("articles/a.md", md("title: A\ndate: 2026-11-20\ncorrection: \"" + "x".repeat(1001) + "\"", "B."))
                .stream().map(Problem::field).toList());
    }

    @Test
    void refusesAUrlThatIsNotAnArticlesPath_C4() {
        for (String url : new String[] {"/../../etc/passwd", "/api/articles/x/comments", "https://evil.example/x", "/Blog/X.html", "/404.html"}) {
            List<Problem> problems = problems("articles/a.md", md("title: A\ndate: 2024-01-01\nurl: '" + url + "'", ""));
            assertEquals("url", problems.get(0).field(), url + ": " + problems);
        }
    }

    @Test
    void readsEveryDocumentedField() throws Exception {
        Article article = parser.parse("articles/whatever.md", resource("full.md"));
        ArticleMetadata meta = article.metadata();
        assertEquals("harbour-bridge-reopens", meta.slug());
        assertEquals("Harbour bridge reopens after two-year rebuild", meta.title());
        assertEquals(Instant.parse("2026-11-20T07:30:00Z"), meta.published());
        assertEquals(Optional.of(Instant.parse("2026-11-22T16:05:00Z")), meta.updated());
        Author author = meta.primaryAuthor();
        assertEquals("Amara Okafor", author.name());
        assertEquals("amara-okafor", author.slug());
        assertEquals(Optional.of("amara_writes"), author.twitter());
        assertEquals(Optional.of("https://amara.example.org"), author.url());
        assertEquals(new Term("City", "city"), meta.category());
        assertEquals(List.of(new Term("Transport", "transport"), new Term("Infrastructure", "infrastructure"),
                new Term("Harbour District", "harbour-district")), meta.tags());
        assertEquals(Optional.of(new LeadImage("/assets/2026/bridge.jpg",
                "The rebuilt bridge at dawn, with cyclists on the new lane")), meta.image());
        assertTrue(meta.commentsOpen());
        assertFalse(meta.draft());
        assertTrue(article.bodyHtml().contains("<table>"));
    }

    @Test
    void theDocumentedExamplesParse() throws Exception {
        String docs = java.nio.file.Files.readString(dev.newsroom.testkit.CloudFormationTemplate.repositoryRoot()
                .resolve("docs/article-format.md"));
        String markdown = docs.substring(docs.indexOf("```markdown\n") + 12, docs.indexOf("```\n\nThe same article as JSON"));
        ArticleMetadata meta = parse("articles/example.md", markdown).metadata();
        assertEquals("harbour-bridge-reopens", meta.slug());
        assertEquals(List.of("/articles/new-ferry-timetable"), meta.related().pinned());
        int json = docs.indexOf("```json\n") + 8;
        String document = docs.substring(json, docs.indexOf("```", json)).replace("...", "");
        assertEquals("Harbour bridge reopens after two-year rebuild", parse("articles/harbour-bridge-reopens.json", document).metadata().title());
    }

    @Test
    void readsTheEditorsChoicesForMoreArticles() throws Exception {
        ArticleMetadata meta = parse("articles/a.md", md("""
                title: A
                date: 2024-01-01
                related:
                  pin: [Harbour Bridge Reopens, /blog/2024/tram-line-approved/]
                  exclude: [old-story]""", "")).metadata();
        assertEquals(List.of("/articles/harbour-bridge-reopens", "/blog/2024/tram-line-approved/"), meta.related().pinned(),
                "a slug names the article at its default path; a path, any article");
        assertEquals(java.util.Set.of("/articles/old-story"), meta.related().excluded());
        assertEquals("related: must be a mapping with pin and exclude lists",
                problems("articles/a.md", md("title: A\ndate: 2024-01-01\nrelated: [a]", "")).get(0).toString());
    }

    @Test
    void acceptsTheSameArticleAsJson() throws Exception {
        Article article = parse("articles/bridge.json", """
                {"title": "Bridge", "date": "2026-11-20", "category": "City",
                 "author": {"name": "Amara Okafor"}, "tags": ["Transport"],
                 "body": "Opening **paragraph**."}""");
        assertEquals("bridge", article.metadata().slug());
        assertEquals("/articles/bridge", article.path(), "an article without a url is at its slug's default path");
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), article.metadata().published());
        assertEquals("<p>Opening <strong>paragraph</strong>.</p>\n", article.bodyHtml());
    }

    @Test
    void readsHugoFrontMatter() throws Exception {
        Article article = parse("articles/hugo-post/index.md", md("""
                title: "A Hugo post"
                date: 2024-03-02T10:00:00+01:00
                lastmod: 2024-03-04
                expiryDate: 2025-03-02T10:00:00Z
                weight: 10
                description: Moved from Hugo.
                categories: [Politics, Europe]
                tags: [elections]
                images: [/assets/vote.png]
                draft: false""", "Body."));
        ArticleMetadata meta = article.metadata();
        assertEquals("hugo-post", meta.slug());
        assertEquals(Instant.parse("2024-03-02T09:00:00Z"), meta.published());
        assertEquals(Optional.of(Instant.parse("2024-03-04T00:00:00Z")), meta.updated());
        assertEquals(Optional.of(Instant.parse("2025-03-02T10:00:00Z")), meta.expires(), "kept for the scheduled withdrawal");
        assertEquals(Optional.of("Moved from Hugo."), meta.summary());
        assertEquals("Politics", meta.category().name());
        assertEquals(List.of("elections", "Europe"), meta.tags().stream().map(Term::name).toList());
        assertEquals(Optional.of(new LeadImage("/assets/vote.png", "")), meta.image());
        assertEquals("The Daily Example", meta.primaryAuthor().name(), "no author: bylined to the site");
        assertTrue(meta.primaryAuthor().organisation());
    }

    @Test
    void readsJekyllAndWordPressFrontMatter() throws Exception {
        Article article = parse("articles/2023-12-24-holiday-market.md", md("""
                title: Holiday market opens
                date: 2023-12-24 09:15:00 +0000
                author: [Jo Lee, Sam Ortiz]
                excerpt: Stalls line the square.
                comments: true
                published: true""", "Body."));
        ArticleMetadata meta = article.metadata();
        assertEquals("holiday-market", meta.slug());
        assertEquals(Instant.parse("2023-12-24T09:15:00Z"), meta.published());
        assertEquals(List.of("Jo Lee", "Sam Ortiz"), meta.authors().stream().map(Author::name).toList());
        assertEquals("News", meta.category().name(), "no category: the documented default");
        assertEquals(Optional.of("Stalls line the square."), meta.summary());
    }

    @Test
    void derivesSummaryFromFirstParagraphWhenMissing() throws Exception {
        Article article = parse("articles/a.md", md("title: A\ndate: 2024-01-01\ncategory: X",
                "# Heading\n\nFirst *paragraph* text.\n\nSecond."));
        assertEquals(Optional.of("First paragraph text."), article.metadata().summary());
    }

    @Test
    void datesWithoutZoneAreInTheSiteZone() throws Exception {
        Article article = parse("articles/a.md", md("title: A\ndate: 2024-07-01T12:00:00\ncategory: X", ""));
        assertEquals(Instant.parse("2024-07-01T11:00:00Z"), article.metadata().published(), "Lisbon is UTC+1 in July");
    }

    @Test
    void draftsAreMarked() throws Exception {
        assertTrue(parse("articles/a.md", md("title: A\ndate: 2024-01-01\ndraft: true", "")).metadata().draft());
        assertTrue(parse("articles/a.md", md("title: A\ndate: 2024-01-01\npublished: false", "")).metadata().draft());
    }

    @Test
    void refusesGlobalTagsWithoutInstantiatingAnything_C1() {
        List<Problem> problems = problems("articles/a.md", md("""
                title: !!dev.newsroom.core.article.InstantiationCanary {}
                date: 2024-01-01
                evil: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:1/"]]]]""", ""));
        assertTrue(problems.get(0).message().contains("YAML tags"), problems::toString);
        assertFalse(CANARY_LOADED.get());
    }

    @Test
    void refusesLocalTagsToo_C1() {
        assertTrue(problems("articles/a.md", md("title: !custom x\ndate: 2024-01-01", "")).get(0).message().contains("YAML tags"));
    }

    @Test
    void refusesBillionLaughsQuickly_C2() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append("]\n");
        }
        yaml.append("title: lol\ndate: 2024-01-01");
        List<Problem> problems = problems("articles/a.md", md(yaml.toString(), ""));
        assertTrue(problems.get(0).message().contains("aliases of lists or mappings"), problems::toString);
    }

    @Test
    void readsAnchorsAndAliasesOfTextAsHugoSitesWriteThem() throws InvalidArticleException {
        Article article = parse("articles/kubecon.md", md("title: KubeCon\ndate: 2025-10-03\n"
                + "eventUrl: &eventUrl >-\n  https://events.example.org/kubecon/\nsummary: *eventUrl", "Body."));
        assertEquals(Optional.of("https://events.example.org/kubecon/"), article.metadata().summary());
        assertTrue(problems("articles/a.md", md("title: *nowhere\ndate: 2024-01-01", "")).get(0).message().contains("names no anchor"));
    }

    @Test
    void readsBylinesAsMigratedSitesWriteThem() throws InvalidArticleException {
        String byline = "author: >-\n  [Juraci Paixão Kröhling](https://github.com/jpkrohling) (OpenTelemetry,\n  Grafana Labs),"
                + " [Pablo\n  Baeyens](https://github.com/mx-psi), Datadog, and [Bob Strecansky](https://github.com/bobstrecansky/)";
        Article article = parse("articles/a.md", md("title: Byline\ndate: 2024-01-01\n" + byline, "Body."));
        List<Author> authors = article.metadata().authors();
        assertEquals(List.of("Juraci Paixão Kröhling", "Pablo Baeyens", "Bob Strecansky"), authors.stream().map(Author::name).toList());
        assertEquals(List.of(Optional.of("OpenTelemetry, Grafana Labs"), Optional.of("Datadog"), Optional.empty()),
                authors.stream().map(Author::affiliation).toList());
        assertEquals(Optional.of("https://github.com/mx-psi"), authors.get(1).url());
        assertEquals("pablo-baeyens", authors.get(1).slug());
        assertEquals(List.of(), article.warnings());
    }

    @Test
    void refusesNoBylineForItsLength() throws InvalidArticleException {
        String names = "Ana Alvarez, Bea Brown, Cem Celik, Dan Dunn, Eve Evans, Fay Fox, Gus Grant, Hal Hill, Ivy Ito, Jo Jones";
        Article list = parse("articles/a.md", md("title: Many\ndate: 2024-01-01\nauthor: " + names, "Body."));
        assertEquals(10, list.metadata().authors().size());
        assertEquals("Jo Jones", list.metadata().authors().get(9).name());
        String longName = "An Extraordinarily Long Working Group Name That Goes On And On Past Every Reasonable Limit Of A Byline Field";
        Article cut = parse("articles/b.md", md("title: Long\ndate: 2024-01-01\nauthor: '[" + longName + "](/team/)'", "Body."));
        assertTrue(cut.metadata().primaryAuthor().name().length() <= 100);
        assertEquals(Optional.empty(), cut.metadata().primaryAuthor().url());
        assertEquals(List.of("author"), cut.warnings().stream().map(Problem::field).distinct().toList(), cut.warnings()::toString);
        assertEquals(2, cut.warnings().size(), "one for the name's length, one for the relative link");
    }

    @Test
    void readsAnHtmlBodyWhereTheMarkupSaysSo() throws InvalidArticleException {
        Article article = parse("articles/wp.md", md("title: From WordPress\ndate: 2024-01-01\nmarkup: html",
                "<p>First    paragraph.</p>\n\n    <ul>\n\n\t<li>indented, not code</li>\n</ul>"));
        assertTrue(article.bodyHtml().contains("<li>indented, not code</li>"), article.bodyHtml());
        assertFalse(article.bodyHtml().contains("<pre>"), "HTML is not read as Markdown");
        assertEquals(Optional.of("First paragraph."), article.metadata().summary());
        assertEquals("markup: must be markdown (the default) or html; 'asciidoc' bodies cannot be read here",
                problems("articles/a.md", md("title: A\ndate: 2024-01-01\nmarkup: asciidoc", "")).get(0).toString());
    }

    @Test
    void readsHugosTomlFrontMatter() throws InvalidArticleException {
        Article article = parse("articles/blog/tram.md", """
                +++
                title = 'Trams return'
                date = 2024-05-01T08:00:00Z
                tags = ['Transport', 'City']
                draft = false
                weight = 3
                [author]
                name = 'Ana Ruiz'
                +++
                The trams run again.
                """);
        assertEquals("Trams return", article.metadata().title());
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), article.metadata().published());
        assertEquals("Ana Ruiz", article.metadata().primaryAuthor().name());
        assertEquals(List.of("Transport", "City"), article.metadata().tags().stream().map(Term::name).toList());
        assertTrue(problems("articles/a.md", "+++\ntitle = 'unclosed\n+++\n").get(0).message().startsWith("is not valid TOML"));
        assertEquals("is not closed: add a line of three pluses (+++) after the last field",
                problems("articles/a.md", "+++\ntitle = 'x'\n").get(0).message());
    }

    @Test
    void boundsTomlNesting_C3() {
        String deep = "+++\n[" + String.join(".", java.util.Collections.nCopies(40, "a")) + "]\nx = 1\n+++\n";
        assertTrue(problems("articles/a.md", deep).get(0).message().contains("nested more than"));
    }

    @Test
    void takesTheDateFromHugosPublishDateOrAJekyllFileName() throws InvalidArticleException {
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), parse("articles/_posts/2024-05-01-trams.md",
                md("title: Trams\ncategory: City", "Body.")).metadata().published().atZone(java.time.ZoneId.of("Europe/Lisbon"))
                .toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        assertEquals("trams", parse("articles/_posts/2024-05-01-trams.md", md("title: Trams", "Body.")).metadata().slug());
        assertEquals(Instant.parse("2024-06-02T10:00:00Z"),
                parse("articles/a.md", md("title: A\npublishDate: 2024-06-02T10:00:00Z", "Body.")).metadata().published());
        assertEquals(Instant.parse("2024-06-02T10:00:00Z"), parse("articles/_posts/2020-01-01-a.md",
                md("title: A\ndate: 2024-06-02T10:00:00Z", "Body.")).metadata().published(), "a date in the front matter wins");
    }

    @Test
    void readsTheFieldsInAnyCaseAsHugoDoes() throws InvalidArticleException {
        Article article = parse("articles/blog/a.md", md("Title: Upper\nPublishDate: 2024-06-02T10:00:00Z\nURL: /blog/upper/\n"
                + "ExpiryDate: 2099-01-01\nDraft: false\nlinkTitle: Kept as written", "Body."));
        assertEquals("Upper", article.metadata().title());
        assertEquals(Instant.parse("2024-06-02T10:00:00Z"), article.metadata().published());
        assertEquals("/blog/upper/", article.path());
        assertEquals(Optional.of(Instant.parse("2099-01-01T00:00:00Z")), article.metadata().expires());
    }

    @Test
    void treatsEmptyOptionalFieldsAsAbsent() throws InvalidArticleException {
        Article article = parse("articles/a.md", md("title: Empty\ndate: 2024-01-01\ndescription: \"\"\ncategory: ''\n"
                + "author: \"\"\nslug: ''\nlastmod: ''", "The opening paragraph."));
        assertEquals(Optional.of("The opening paragraph."), article.metadata().summary());
        assertEquals("News", article.metadata().category().name());
        assertTrue(article.metadata().primaryAuthor().organisation());
        assertEquals("a", article.metadata().slug());
        assertEquals(Optional.empty(), article.metadata().updated());
        assertEquals(Optional.empty(), parse("articles/a.md", md("title: A\ndate: 2024-01-01\nexpiryDate: ''", "B.")).metadata().expires());
        assertEquals("expiryDate", problems("articles/a.md", md("title: A\ndate: 2024-01-01\nexpiryDate: someday", "B.")).get(0).field(),
                "a date that is not one is refused, as any date is");
        assertEquals("must not be empty", problems("articles/a.md", md("title: ''\ndate: 2024-01-01", "")).get(0).message());
    }

    @Test
    void refusesAFieldGivenTwiceRatherThanGuessingWhichWasMeant_C7() {
        List<Problem> yaml = problems("articles/a.md", md("title: One\ndate: 2024-01-01\ntitle: Two", ""));
        assertEquals("has the field title twice; keep one", yaml.get(0).message());
        assertEquals(new Problem("title", "has the field title twice, in two spellings; keep one"),
                problems("articles/a.md", md("title: One\ndate: 2024-01-01\nTitle: Two", "")).get(0), "Hugo reads both as one field");
        List<Problem> json = problems("articles/a.json", "{\"title\":\"One\",\"date\":\"2024-01-01\",\"title\":\"Two\",\"body\":\"\"}");
        assertTrue(json.get(0).message().contains("not valid JSON") && json.get(0).message().contains("title"), json.get(0).message());
        List<Problem> trailing = problems("articles/a.json", "{\"title\":\"One\",\"date\":\"2024-01-01\",\"body\":\"\"} {}");
        assertTrue(trailing.get(0).message().contains("not valid JSON"), trailing.get(0).message());
    }

    @Test
    void refusesDeepNesting_C3() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        List<Problem> problems = problems("articles/a.md", md("title: x\ndate: 2024-01-01\nx: " + deep, ""));
        assertTrue(problems.get(0).message().contains("nested"), problems::toString);
        String deepJson = "{\"title\":\"x\",\"body\":\"\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertTrue(problems("articles/a.json", deepJson).get(0).message().contains("not valid JSON"));
    }

    @Test
    void refusesHugeFiles_C3() {
        String huge = "title: " + "x".repeat(10 * 1024 * 1024);
        Problem problem = problems("articles/a.md", md(huge, "")).get(0);
        assertEquals("file", problem.field());
        assertTrue(problem.message().contains("the limit is " + ArticleParser.MAX_SOURCE_BYTES));
    }

    @Test
    void refusesOversizedFrontMatter_C3() {
        String big = "title: x\ndate: 2024-01-01\n" + "k: v\n".repeat(20_000);
        assertTrue(problems("articles/a.md", md(big, "")).get(0).message().contains("longer than"));
    }

    @Test
    void refusesBodiesThatRenderToTooMuchHtml_C3() throws Exception {
        // Each < becomes &lt;: 80,000 of them are 320,000 bytes of HTML, 70,000 are 280,000.
        Problem problem = problems("articles/a.md", md("title: A\ndate: 2024-01-01", "<".repeat(80_000))).get(0);
        assertEquals("body", problem.field());
        assertTrue(problem.message().startsWith("renders to 320008 bytes of HTML"), problem.message());
        assertEquals(280_008, parse("articles/a.md", md("title: A\ndate: 2024-01-01", "<".repeat(70_000))).bodyHtml().length());
    }

    @Test
    void namesEveryMissingOrMistypedField_C5() {
        List<Problem> problems = problems("articles/a.md", md("""
                date: yesterday
                tags: {a: b}
                author: {bio: no name}
                comments: maybe
                commentModeration: sometimes
                draft: "sometimes"
                image: javascript:alert(1)""", "Body"));
        assertEquals(List.of("title: is required",
                "date: 'yesterday' is not an ISO-8601 date such as 2024-05-01 or 2024-05-01T09:30:00Z",
                "author.name: is required",
                "tags: must be a list of names",
                "image: must be a path under /assets/ or an https URL, not 'javascript:alert(1)'",
                "draft: must be true or false",
                "comments: must be open or closed",
                "commentModeration: must be all, first or none"), problems.stream().map(Problem::toString).toList());
    }

    @Test
    void explainsEmptyAndUnclosedFiles_C5() {
        assertEquals("file: is empty", problems("articles/a.md", "").get(0).toString());
        assertTrue(problems("articles/a.md", "Just text").get(0).message().startsWith("is missing"));
        assertTrue(problems("articles/a.md", "---\ntitle: x\n").get(0).message().startsWith("is not closed"));
        assertTrue(problems("articles/a.md", "---\ntitle: [unclosed\n---\n").get(0).message().startsWith("is not valid YAML"));
    }

    @Test
    void toleratesAByteOrderMark_C5() throws Exception {
        assertEquals("A", parse("articles/a.md", "\uFEFF" + md("title: A\ndate: 2024-01-01", "")).metadata().title());
    }

    @Test
    void pointsAtInvalidUtf8_C5() {
        byte[] bytes = md("title: A\ndate: 2024-01-01", "caf").getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        broken[bytes.length] = (byte) 0xC3;
        broken[bytes.length + 1] = (byte) 0x28;
        InvalidArticleException e = assertThrows(InvalidArticleException.class, () -> parser.parse("articles/a.md", broken));
        assertEquals("file: is not valid UTF-8 (a bad byte sequence near byte " + bytes.length + "); save it as UTF-8",
                e.problems().get(0).toString());
    }

    @Test
    void keepsAReplacementCharacterWrittenOnPurpose_C5() throws Exception {
        assertEquals("Broken \uFFFD glyph", parse("articles/a.md", md("title: \"Broken \uFFFD glyph\"\ndate: 2024-01-01", "")).metadata().title());
    }

    @Test
    void refusesSlugsWithNothingLeft_C4() {
        assertEquals("slug: must contain letters or digits",
                problems("articles/a.md", md("title: A\ndate: 2024-01-01\nslug: \"\uFF0E\uFF0E\uFF0F\"", "")).get(0).toString());
        assertEquals("story", assertDoesNotThrowParse(md("title: A\ndate: 2024-01-01\nslug: ../../story", "")).metadata().slug());
        assertEquals("url", problems("articles/a.md", md("title: A\ndate: 2024-01-01\nslug: ../../index", "")).get(0).field(),
                "/articles/index would be the page of the folder /articles/");
    }

    @Test
    void validatesAuthorLinks_C9() {
        List<Problem> problems = problems("articles/a.md", md("""
                title: A
                date: 2024-01-01
                author: {name: Jo, twitter: "not a handle!", url: "javascript:alert(1)"}""", ""));
        assertEquals(List.of("author.twitter: 'not a handle!' is not a Twitter handle (letters, digits and _, at most 15)",
                "author.url: must be an absolute http(s) URL"), problems.stream().map(Problem::toString).toList());
    }

    private Article assertDoesNotThrowParse(String text) {
        try {
            return parse("articles/a.md", text);
        } catch (InvalidArticleException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}

package dev.newsroom.migrate.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.ImportPlan.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a WordPress export's import publishes, and why it leaves out the rest. */
class WordPressImportTest {

    private static final ArticleParser PARSER = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "Daily Example",
            ZoneOffset.UTC);

    @TempDir
    Path dir;

    static String item(long id, String type, String status, String title, String name, String extra) {
        return "<item><title><![CDATA[" + title + "]]></title><link>https://daily.example/2024/05/0" + (id % 9) + "/" + name
                + "/</link><dc:creator><![CDATA[ana]]></dc:creator><content:encoded><![CDATA[The text of " + title
                + ".\n\nSecond paragraph with [caption id=\"x\"]<img src=\"https://daily.files.example/c.jpg\" alt=\"\"> A caption[/caption]]]>"
                + "</content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>" + id + "</wp:post_id>"
                + "<wp:post_date>2024-05-01 10:00:00</wp:post_date><wp:post_date_gmt>2024-05-01 08:00:00</wp:post_date_gmt>"
                + "<wp:comment_status>open</wp:comment_status><wp:post_name><![CDATA[" + name + "]]></wp:post_name>"
                + "<wp:status>" + status + "</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>" + type + "</wp:post_type>"
                + extra + "</item>\n";
    }

    private ImportPlan plan() throws Exception {
        String xml = WxrTest.HEAD
                + item(1, "post", "publish", "Bridge reopens", "bridge-reopens",
                        "<wp:is_sticky>1</wp:is_sticky><category domain=\"category\" nicename=\"city\"><![CDATA[City]]></category>"
                        + "<category domain=\"category\" nicename=\"harbour\"><![CDATA[Harbour]]></category>"
                        + "<category domain=\"post_tag\" nicename=\"transport\"><![CDATA[Transport]]></category>"
                        + "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>")
                + item(2, "post", "draft", "Draft", "", "")
                + item(3, "post", "future", "Scheduled", "scheduled", "")
                + item(4, "post", "publish", "Secret", "secret", "<wp:post_password>enter</wp:post_password>")
                + item(5, "page", "publish", "About", "about", "")
                + item(6, "post", "publish", "Bridge again", "bridge-reopens", "")
                + item(7, "post", "publish", "Ein \"Zitat\": 日本", "%e6%97%a5%e6%9c%ac", "")
                + item(9, "attachment", "inherit", "The bridge at dawn", "dawn",
                        "<wp:attachment_url>https://daily.files.example/dawn.jpg</wp:attachment_url>")
                + "</channel></rss>";
        Wxr wxr = Wxr.read(Files.writeString(dir.resolve("export.xml"), xml));
        return new WordPressImport(PARSER, dev.newsroom.migrate.Prefixes.DEFAULT).plan(wxr, "export.xml");
    }

    @Test
    void publishesPublishedPostsAndSaysWhyForTheRest() throws Exception {
        Map<String, Outcome> outcomes = plan().outcomes().stream()
                .collect(Collectors.toMap(o -> o.file().replaceAll(" .*", "").replace("post", "p").replace("page", "g")
                        + o.file().replaceAll("\\D*(\\d+).*", "$1"), Function.identity()));
        assertEquals(7, outcomes.size(), outcomes::toString);
        assertEquals("published with warnings", outcomes.get("p1").result().label());
        assertEquals(List.of("its images stay where they are, on daily.files.example: an import cannot fetch them here"),
                outcomes.get("p1").details());
        assertEquals(Optional.of("/2024/05/01/bridge-reopens/"), outcomes.get("p1").originalUrl());
        assertTrue(outcomes.get("p2").cause().startsWith("a draft"));
        assertTrue(outcomes.get("p3").details().stream().anyMatch(d -> d.startsWith("embargoed until")),
                "scheduled in WordPress, it waits for its time here too: " + outcomes.get("p3"));
        assertTrue(outcomes.get("p4").cause().startsWith("password-protected"));
        assertEquals(Optional.of("/2024/05/05/about/"), outcomes.get("g5").newsroomUrl(), "a page, at its permalink");
        assertEquals(Optional.of("/2024/05/06/bridge-reopens/"), outcomes.get("p6").newsroomUrl(), "p1's slug, at its own URL");
        assertEquals(Optional.of("/2024/05/01/bridge-reopens/"), outcomes.get("p1").newsroomUrl());
        assertEquals(Optional.of("/articles/p-7"), outcomes.get("p7").newsroomUrl(), outcomes.get("p7")::toString);
        assertTrue(outcomes.get("p7").details().contains(
                "its slug 日本 has no Latin letters or digits, which slugs need: it is published as p-7"), outcomes.get("p7")::toString);
    }

    /** Found by WxrFuzzTest: a name whose percent-escape is broken failed the whole import with IllegalArgumentException. */
    @Test
    void aPostNameWithABrokenEscapeIsImportedAsWritten_C22() throws Exception {
        String xml = WxrTest.HEAD + item(1, "post", "publish", "Ferry timetable", "ferry-t%imetable", "") + "</channel></rss>";
        Wxr wxr = Wxr.read(Files.writeString(dir.resolve("broken.xml"), xml));
        ImportPlan plan = new WordPressImport(PARSER, dev.newsroom.migrate.Prefixes.DEFAULT).plan(wxr, "broken.xml");
        assertEquals(1, plan.outcomes().size(), plan.outcomes()::toString);
        assertEquals(Optional.of("/articles/ferry-t-imetable"), plan.outcomes().get(0).newsroomUrl(), plan.outcomes()::toString);
    }

    /**
     * A 100 MB export whose bulk is one post: read whole, that post refused by the publish function's
     * size limit with the reason, and the post beside it published; no OutOfMemoryError, nothing
     * fetched.
     */
    @Test
    void aHundredMegabyteExportIsReadAndItsOversizedPostRefused_G10() throws Exception {
        Path export = dir.resolve("huge.xml");
        String paragraph = "<p>" + "All work and no play makes a very long post. ".repeat(20) + "</p>\n";
        try (var out = Files.newBufferedWriter(export)) {
            out.write(WxrTest.HEAD);
            out.write(item(1, "post", "publish", "Small", "small", ""));
            String huge = item(2, "post", "publish", "Huge", "huge", "");
            int body = huge.indexOf("The text of Huge");
            out.write(huge, 0, body);
            for (long written = 0; written < 100L * 1024 * 1024; written += paragraph.length()) {
                out.write(paragraph);
            }
            out.write(huge, body, huge.length() - body);
            out.write("</channel></rss>");
        }
        ImportPlan plan = new WordPressImport(PARSER, dev.newsroom.migrate.Prefixes.DEFAULT).plan(Wxr.read(export), "huge.xml");
        Map<String, Outcome> byTitle = plan.outcomes().stream().collect(Collectors.toMap(o -> o.file().replaceAll(".*\"(.*)\".*", "$1"),
                Function.identity()));
        assertTrue(byTitle.get("Small").newsroomUrl().isPresent(), byTitle::toString);
        assertEquals("refused", byTitle.get("Huge").result().label(), byTitle::toString);
        assertTrue((byTitle.get("Huge").cause() + byTitle.get("Huge").details()).contains("the limit is"), byTitle::toString);
    }

    private static String menuItem(long id, String title, int order, String menu, String type, String object, String objectId,
                                   String url, long parent) {
        return item(id, "nav_menu_item", "publish", title, String.valueOf(id), "<wp:menu_order>" + order + "</wp:menu_order>"
                + "<category domain=\"nav_menu\" nicename=\"" + menu + "\"><![CDATA[" + menu + "]]></category>"
                + meta("_menu_item_type", type) + meta("_menu_item_object", object) + meta("_menu_item_object_id", objectId)
                + meta("_menu_item_url", url) + meta("_menu_item_menu_item_parent", String.valueOf(parent)));
    }

    private static String meta(String key, String value) {
        return "<wp:postmeta><wp:meta_key>" + key + "</wp:meta_key><wp:meta_value><![CDATA[" + value + "]]></wp:meta_value></wp:postmeta>";
    }

    @Test
    void writesTheSitesMenusAsSiteYamlWithWhatEachItemLinksHere() throws Exception {
        String xml = WxrTest.HEAD
                + "<wp:category><wp:term_id>31</wp:term_id><wp:category_nicename>city</wp:category_nicename><wp:cat_name><![CDATA[City]]></wp:cat_name></wp:category>\n"
                + "<wp:category><wp:term_id>32</wp:term_id><wp:category_nicename>harbour</wp:category_nicename><wp:cat_name><![CDATA[Harbour]]></wp:cat_name></wp:category>\n"
                + "<wp:category><wp:term_id>33</wp:term_id><wp:category_nicename>empty</wp:category_nicename><wp:cat_name><![CDATA[Empty]]></wp:cat_name></wp:category>\n"
                + item(1, "post", "publish", "Bridge reopens", "bridge-reopens",
                        "<category domain=\"category\" nicename=\"city\"><![CDATA[City]]></category>"
                        + "<category domain=\"category\" nicename=\"harbour\"><![CDATA[Harbour]]></category>")
                + item(5, "page", "publish", "About", "about", "")
                + menuItem(101, "", 1, "main", "post_type", "page", "5", "", 0)
                + menuItem(102, "", 2, "main", "taxonomy", "category", "31", "", 0)
                + menuItem(103, "Harbour news", 3, "main", "taxonomy", "category", "32", "", 102)
                + menuItem(104, "Home", 0, "main", "custom", "custom", "104", "https://daily.example/", 0)
                + menuItem(105, "Nowhere", 4, "main", "custom", "custom", "105", "#", 0)
                + menuItem(106, "", 5, "main", "taxonomy", "category", "33", "", 0)
                + menuItem(107, "Mastodon", 1, "social", "custom", "custom", "107", "https://mastodon.example/@daily", 0)
                + menuItem(108, "Evil", 2, "social", "custom", "custom", "108", "javascript:alert(1)", 0)
                + "</channel></rss>";
        ImportPlan plan = new WordPressImport(PARSER, dev.newsroom.migrate.Prefixes.DEFAULT)
                .plan(Wxr.read(Files.writeString(dir.resolve("menus.xml"), xml)), "menus.xml");
        var settings = dev.newsroom.core.settings.SiteSettings.stored(plan.uploads().stream()
                .filter(u -> u.key().equals("site.yaml")).findFirst().map(u -> new String(u.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .orElseThrow());
        assertEquals(List.of(new dev.newsroom.core.settings.SiteSettings.MenuItem("Home", "/", 0),
                        new dev.newsroom.core.settings.SiteSettings.MenuItem("About", "/2024/05/05/about/", 1),
                        new dev.newsroom.core.settings.SiteSettings.MenuItem("City", "/category/city", 2),
                        new dev.newsroom.core.settings.SiteSettings.MenuItem("Harbour news", "/tag/harbour", 3)),
                settings.menus().get("main"), "a page at its path, a post's first category as a category, another as a tag, nested items flat");
        assertEquals(List.of(new dev.newsroom.core.settings.SiteSettings.MenuItem("Mastodon", "https://mastodon.example/@daily", 1)),
                settings.menus().get("social"));
        Map<String, String> causes = plan.outcomes().stream().filter(o -> o.file().startsWith("nav_menu_item"))
                .collect(Collectors.toMap(o -> o.file().replaceAll("\\D*(\\d+).*", "$1"), Outcome::cause));
        assertEquals("a menu item: in site.yaml's menus", causes.get("101"));
        assertTrue(causes.get("105").contains("links nothing this import publishes"), causes::toString);
        assertTrue(causes.get("106").contains("links nothing this import publishes"), "a category no imported post is in has no page");
        assertTrue(causes.get("108").contains("links nothing this import publishes"), "javascript: is no link");
    }

    @Test
    void writesArticlesWithWordPressHtmlAndItsFields() throws Exception {
        ImportPlan plan = plan();
        assertEquals(List.of("articles/2024/05/01/bridge-reopens.md", "articles/2024/05/03/scheduled.md", "pages/2024/05/05/about.md", "articles/2024/05/06/bridge-reopens.md",
                        "articles/2024/05/07/%e6%97%a5%e6%9c%ac.md"),
                plan.uploads().stream().map(ImportPlan.Upload::key).toList());
        ImportPlan.Upload bridge = plan.uploads().get(0);
        Article article = PARSER.parse(bridge.key(), bridge.bytes());
        assertEquals("Bridge reopens", article.metadata().title());
        assertEquals("Ana Ruiz", article.metadata().primaryAuthor().name());
        assertEquals("City", article.metadata().category().name());
        assertEquals(List.of("Transport", "Harbour"), article.metadata().tags().stream().map(t -> t.name()).toList());
        assertEquals("https://daily.files.example/dawn.jpg", article.metadata().image().orElseThrow().src());
        assertEquals("The bridge at dawn", article.metadata().image().orElseThrow().alt());
        assertEquals("2024-05-01T08:00:00Z", article.metadata().published().toString());
        assertTrue(article.bodyHtml().startsWith("<p>The text of Bridge reopens.</p>"), article.bodyHtml());
        assertTrue(article.bodyHtml().contains("<figcaption>A caption</figcaption>"), article.bodyHtml());
        String source = new String(bridge.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(source.contains("\nsticky: true\n") && source.contains("\nmarkup: \"html\"\n"), source);
        assertTrue(source.contains("\nimage: {\"alt\":"), "keys in a fixed order, so importing again uploads nothing: " + source);
        assertEquals(List.of("/?p=1"), article.aliases(), "WordPress's numeric link answers with a 301");
        Article about = PARSER.forPages().parse(plan.uploads().get(2).key(), plan.uploads().get(2).bytes());
        assertTrue(about.metadata().page() && !about.metadata().commentsOpen(), "a static page, which takes no comments");
        assertEquals(List.of("/?page_id=5"), about.aliases());
        Article quoted = PARSER.parse(plan.uploads().get(4).key(), plan.uploads().get(4).bytes());
        assertEquals("Ein \"Zitat\": 日本", quoted.metadata().title(), "titles with quotes and colons survive the front matter");
        assertEquals(List.of("/?p=7", "/2024/05/07/%E6%97%A5%E6%9C%AC/", "/2024/05/07/%E6%97%A5%E6%9C%AC"), quoted.aliases(),
                "a permalink that cannot be the article's path answers 301 with the one it has");
    }

    private static Wxr.Comment comment(long id, String approved, String type, long parent, String date, String content) {
        return new Wxr.Comment(id, "Reader " + id, id == 1 ? "Reader.One@Example.org" : "", id == 1 ? "https://one.example" : "javascript:x",
                date, content, approved, type, parent);
    }

    @Test
    void bringsCommentsAsWordPressShowedOrHeldThem() {
        var item = new Wxr.Item(1, "post", "publish", "T", "https://daily.example/t/", "ana", "", "", "", "", "t", "open", "",
                false, 0, "", List.of(), Map.of(), List.of(
                        comment(3, "1", "", 1, "2024-05-01 12:00:00", "A reply<br>on two lines."),
                        comment(1, "1", "comment", 0, "2024-05-01 10:00:00", "<p>First.</p><p>Second <a href=\"https://x.example\">para</a>.</p>"),
                        comment(2, "0", "", 0, "2024-05-01 11:00:00", "Held."),
                        comment(4, "spam", "", 0, "2024-05-01 13:00:00", "Buy"),
                        comment(5, "trash", "", 0, "2024-05-01 14:00:00", "Gone"),
                        comment(6, "1", "pingback", 0, "2024-05-01 15:00:00", "Linked"),
                        comment(7, "1", "", 4, "2024-05-01 16:00:00", "Replying to spam."),
                        comment(8, "1", "", 0, "0000-00-00 00:00:00", "Undated.")), 0);
        Map<String, Integer> counts = new java.util.TreeMap<>();

        List<ImportPlan.Comment> comments = WordPressImport.comments(item, counts);

        assertEquals(List.of("wp-1", "wp-2", "wp-3", "wp-7"), comments.stream().map(ImportPlan.Comment::ref).toList(), "oldest first");
        assertEquals("First.\n\nSecond para.", comments.get(0).body(), "paragraphs kept, markup dropped");
        assertEquals("A reply\non two lines.", comments.get(2).body());
        assertEquals(Optional.of("wp-1"), comments.get(2).parentRef(), "a reply after the comment it answers");
        assertEquals(Optional.empty(), comments.get(3).parentRef(), "a reply to spam stands alone");
        assertEquals(List.of("approved", "pending", "approved", "approved"), comments.stream().map(ImportPlan.Comment::status).toList());
        assertEquals("2024-05-01T10:00:00Z", comments.get(0).createdAt());
        assertEquals(Optional.of("Reader.One@Example.org"), comments.get(0).email(), "kept for moderators, never shown");
        assertEquals(Optional.of("https://one.example"), comments.get(0).website());
        assertEquals(Optional.empty(), comments.get(1).website(), "only http(s) websites");
        assertEquals(Map.of("approved", 3, "pending", 1, "left out: in WordPress's spam", 1, "left out: in WordPress's trash", 1,
                "left out: pingbacks", 1, "left out: undated", 1), counts);
    }
}

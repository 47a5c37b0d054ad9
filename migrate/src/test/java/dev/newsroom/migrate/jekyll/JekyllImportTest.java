package dev.newsroom.migrate.jekyll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.ImportPlan.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small Jekyll site's import: its posts, their Liquid, their URLs and static files, and what is left out. */
class JekyllImportTest {

    private static final ArticleParser PARSER = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "Example",
            ZoneOffset.UTC);

    @TempDir
    Path site;

    private void write(String path, String text) throws IOException {
        Path file = site.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ImportPlan plan() throws IOException {
        return plan("pretty");
    }

    private ImportPlan plan(String permalink) throws IOException {
        write("_config.yml", "title: Example\npermalink: " + permalink + "\nexclude: [notes.md, drafts-folder/]\n");
        write("_posts/2024-05-01-trams-return.md", """
                ---
                title: Trams return
                categories: [City, Transport]
                ---
                Trams run again. ![Map]({{ "/assets/img/map.png" | relative_url }}) and ![Old](/images/old.png)

                See [the earlier post]({% post_url 2024-04-01-tram-works %}) and {{ site.baseurl }}/about.

                {% highlight ruby %}
                puts "{{ not liquid }}"
                {% endhighlight %}

                {% include newsletter.html %}
                """);
        write("_posts/2024-04-01-tram-works.markdown", "---\ntitle: Tram works\n---\nWorks begin.\n");
        write("_posts/2099-01-01-future.md", "---\ntitle: Future\n---\nLater.\n");
        write("_posts/2024-03-01-hidden.md", "---\ntitle: Hidden\npublished: false\n---\nNo.\n");
        write("_drafts/idea.md", "---\ntitle: Idea\n---\nMaybe.\n");
        write("about.md", "---\ntitle: About\n---\nUs. ![Map](/assets/img/map.png)\n");
        write("team/index.md", "---\nlayout: page\n---\n# Our team\n\nReporters.\n");
        write("contact.html", "---\nlayout: page\n---\n<p>Write to {{ site.email }} or <a href=\"/about/\">see us</a>.</p>\n");
        write("privacy.md", "---\ntitle: Privacy\ndate: 2023-02-01\npermalink: /legal/privacy/\n---\nWe keep little.\n");
        write("index.html", "---\nlayout: home\n---\n{% for post in paginator.posts %}{{ post.title }}{% endfor %}\n");
        write("blog/archive.md", "---\ntitle: Archive\n---\n{%- for post in site.posts -%}\n* {{ post.title }}\n{%- endfor -%}\n");
        write("feed.xml", "---\nlayout: null\n---\n<feed></feed>\n");
        write("404.md", "---\ntitle: Not found\n---\nNothing here.\n");
        write("notes.md", "---\ntitle: Notes\n---\nPrivate.\n");
        write("drafts-folder/plan.md", "---\ntitle: Plan\n---\nPrivate.\n");
        write("assets/img/map.png", "MAP");
        write("images/old.png", "OLD");
        write("README.md", "Not a page: no front matter.\n");
        write("_site/index.html", "built output");
        return new JekyllImport(PARSER, dev.newsroom.migrate.Prefixes.DEFAULT, Instant.parse("2026-12-05T00:00:00Z"))
                .plan(site, JekyllImport.config(site));
    }

    @Test
    void publishesPostsAndSaysWhyForTheRest() throws IOException {
        Map<String, Outcome> outcomes = plan().outcomes().stream().collect(Collectors.toMap(Outcome::file, Function.identity()));
        assertEquals(15, outcomes.size(), outcomes::toString);
        assertEquals(Optional.of("/city/transport/2024/05/01/trams-return/"), outcomes.get("_posts/2024-05-01-trams-return.md").originalUrl());
        assertEquals(List.of("{% include newsletter.html %} is Liquid that Newsroom does not run: it is left out"),
                outcomes.get("_posts/2024-05-01-trams-return.md").details());
        assertEquals("published", outcomes.get("_posts/2024-04-01-tram-works.markdown").result().label());
        assertTrue(outcomes.get("_posts/2099-01-01-future.md").details().stream().anyMatch(d -> d.startsWith("embargoed until 2099-01-01")),
                "a future post is uploaded to wait for its date: " + outcomes.get("_posts/2099-01-01-future.md"));
        assertTrue(outcomes.get("_posts/2024-03-01-hidden.md").cause().startsWith("unpublished"));
        assertTrue(outcomes.get("_drafts/idea.md").cause().startsWith("a draft"));
        Map<String, String> causes = Map.of(
                "index.html", "the home page",
                "blog/archive.md", "a listing of the site's posts",
                "feed.xml", "a generated file",
                "404.md", "the not-found page",
                "notes.md", "excluded by the site's exclude",
                "drafts-folder/plan.md", "excluded by the site's exclude");
        causes.forEach((file, cause) -> assertTrue(outcomes.get(file).cause().startsWith(cause), file + ": " + outcomes.get(file)));
    }

    @Test
    void writesThePostsPermalinkAsSiteYamlWhereNewsroomCanExpressIt() throws Exception {
        write("_posts/2024-03-05-Big-News.md", "---\ntitle: Big news\n---\nBig.\n");
        write("_posts/2024-03-06-follow-up.md", "---\ntitle: Follow-up\n---\nAfter [the news]({% post_url 2024-03-05-Big-News %}).\n");
        ImportPlan plan = plan("/:year/:month/:title:output_ext");
        var settings = dev.newsroom.core.settings.SiteSettings.stored(new String(plan.uploads().get(0).bytes(), StandardCharsets.UTF_8));
        assertEquals("site.yaml", plan.uploads().get(0).key(), "uploaded first, so the posts are read under it");
        assertEquals("/:year/:month/:slug.html", settings.permalinks().pattern("/"));
        Map<String, Outcome> outcomes = plan.outcomes().stream().collect(Collectors.toMap(Outcome::file, Function.identity()));
        assertEquals(Optional.of("/2024/05/trams-return.html"), outcomes.get("_posts/2024-05-01-trams-return.md").newsroomUrl());
        assertEquals(Optional.of("/2024/03/big-news.html"), outcomes.get("_posts/2024-03-05-Big-News.md").newsroomUrl(),
                "a URL in upper case cannot be kept: the pattern places the post");
        String followUp = new String(plan.uploads().stream().filter(u -> u.key().equals("articles/2024-03-06-follow-up.md")).findFirst()
                .orElseThrow().bytes(), StandardCharsets.UTF_8);
        assertTrue(followUp.contains("[the news](/2024/03/big-news.html)"), "post_url leads where the post is: " + followUp);

        ImportPlan pretty = plan("pretty");
        assertTrue(pretty.uploads().stream().noneMatch(u -> u.key().equals("site.yaml")));
        assertTrue(pretty.assumptions().stream().anyMatch(a -> a.startsWith("site.yaml not written: the permalink "
                + "/:categories/:year/:month/:day/:title/ cannot be Newsroom's (it uses :categories")), pretty.assumptions()::toString);
    }

    @Test
    void writesTheMainMenuFromTheThemesNavigationAndHeaderPages() throws Exception {
        write("_data/navigation.yml", "main:\n  - {title: Posts, url: /year-archive/}\n  - {title: GitHub, url: 'https://github.com/example'}\n");
        ImportPlan plan = plan("pretty\nheader_pages: [about.md, contact.html, notes.md]");
        assertEquals("site.yaml", plan.uploads().get(0).key(), "uploaded first, as every import's");
        var settings = dev.newsroom.core.settings.SiteSettings.stored(new String(plan.uploads().get(0).bytes(), StandardCharsets.UTF_8));
        assertEquals(List.of(new dev.newsroom.core.settings.SiteSettings.MenuItem("Posts", "/year-archive/", 0),
                        new dev.newsroom.core.settings.SiteSettings.MenuItem("GitHub", "https://github.com/example", 1),
                        new dev.newsroom.core.settings.SiteSettings.MenuItem("About", "/about/", 2),
                        new dev.newsroom.core.settings.SiteSettings.MenuItem("Contact", "/contact/", 3)),
                settings.menus().get("main"), "the theme's navigation, then the header pages at their URLs, by their titles");
        assertTrue(plan.assumptions().contains("site.yaml: the header page notes.md is left out of the main menu: it is not published"),
                plan.assumptions()::toString);
    }

    @Test
    void publishesTheSitesPagesAsStaticPagesAtTheirJekyllUrls() throws Exception {
        ImportPlan plan = plan();
        Map<String, Outcome> outcomes = plan.outcomes().stream().collect(Collectors.toMap(Outcome::file, Function.identity()));
        Map<String, byte[]> uploads = plan.uploads().stream().collect(Collectors.toMap(ImportPlan.Upload::key, ImportPlan.Upload::bytes));
        assertEquals(Optional.of("/about/"), outcomes.get("about.md").newsroomUrl(), "pretty permalinks give pages a folder's URL");
        assertEquals(Optional.of("/team/"), outcomes.get("team/index.md").newsroomUrl(), "an index page is its folder's");
        assertEquals(Optional.of("/legal/privacy/"), outcomes.get("privacy.md").newsroomUrl(), "its own permalink wins");
        assertEquals(Optional.of("/contact/"), outcomes.get("contact.html").newsroomUrl());
        assertEquals("published", outcomes.get("privacy.md").result().label());

        Article team = PARSER.forPages().parse("pages/team/index.md", uploads.get("pages/team/index.md"));
        assertEquals("Our team", team.metadata().title(), "a page without a title takes its first heading");
        assertTrue(outcomes.get("team/index.md").details().contains("no title: it is named 'Our team', from its first heading"),
                outcomes.get("team/index.md").details()::toString);
        assertTrue(outcomes.get("team/index.md").details().stream().anyMatch(d -> d.startsWith("no date: it is dated ")));
        Article contact = PARSER.forPages().parse("pages/contact.md", uploads.get("pages/contact.md"));
        assertEquals("Contact", contact.metadata().title(), "else its file's name");
        assertTrue(contact.bodyHtml().contains("<a href=\"/about/\">see us</a>") && !contact.bodyHtml().contains("{{"), contact.bodyHtml());
        assertTrue(new String(uploads.get("pages/about.md"), StandardCharsets.UTF_8).contains("![Map](/assets/img/map.png)"),
                "a page's static files come along, as a post's do");
    }

    @Test
    void resolvesLiquidAndCarriesTheStaticFilesOver_C16() throws Exception {
        ImportPlan plan = plan();
        Map<String, byte[]> uploads = plan.uploads().stream().collect(Collectors.toMap(ImportPlan.Upload::key, ImportPlan.Upload::bytes));
        assertEquals(List.of("articles/2024-04-01-tram-works.md", "articles/2024-05-01-trams-return.md", "articles/2099-01-01-future.md", "assets/images/old.png",
                "assets/img/map.png", "pages/about.md", "pages/contact.md", "pages/privacy.md", "pages/team/index.md"),
                plan.uploads().stream().map(ImportPlan.Upload::key).sorted().toList());
        String source = new String(uploads.get("articles/2024-05-01-trams-return.md"), StandardCharsets.UTF_8);
        assertFalse(source.contains("{%") || source.contains("{{ site"), source);
        assertTrue(source.contains("![Map](/assets/img/map.png)") && source.contains("![Old](/assets/images/old.png)"), source);
        assertTrue(source.contains("[the earlier post](/2024/04/01/tram-works/)") && source.contains("puts \"{{ not liquid }}\""), source);
        Article article = PARSER.parse("articles/2024-05-01-trams-return.md", uploads.get("articles/2024-05-01-trams-return.md"));
        assertEquals("trams-return", article.metadata().slug());
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), article.metadata().published(), "the date from the file name");
        assertTrue(article.bodyHtml().contains("<code class=\"language-ruby\">"), article.bodyHtml());
    }
}

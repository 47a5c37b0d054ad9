package dev.newsroom.migrate.hugo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.site.Permalinks;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import of a small Hugo site publishes, uploads, and reports, decided as Hugo would. */
class HugoImportTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path site;

    @BeforeEach
    void writeSite() throws IOException {
        write("hugo.yaml", """
                title: Example Blog
                languages: {en: {weight: 1}, es: {weight: 2, menus: {main: [{name: Inicio, url: /es/}]}}}
                menus:
                  main:
                    - {name: GitHub, url: "https://github.com/example", weight: 30}
                    - {pageRef: /about, weight: 10}
                    - {name: Blog, pageRef: /blog, weight: 20}
                    - {name: Arrow, pageRef: /blog/2024/arrow, parent: Blog}
                    - {name: Mail, url: "mailto:news@example.org"}
                    - {name: Draft, pageRef: /blog/2024/draft}
                params: {greeting: Hello}
                ignoreFiles: ['\\.draft\\.md$']
                cascade:
                  build: {render: never}
                  target: {path: '{,/**}/_includes{,/**}'}
                """);
        write("content/_index.md", post("Home", "2024-01-01", ""));
        write("content/blog/_index.md", post("Blog", "2024-01-01", "aliases: [/posts/]\n"));
        write("content/blog/2024/arrow/index.md", post("Arrow", "2024-03-01",
                "author: '[Ana Ruiz](https://github.com/ana) (Example Labs)'\n")
                + "![Logo](logo.png)\n\n{{< figure src=\"gone.png\" >}}\n\n{{< youtube eZ3OrhxUAmU >}}\n");
        write("content/blog/2024/arrow/logo.png", "PNG");
        write("content/blog/2024/arrow/index.es.md", post("Flecha", "2024-03-01", ""));
        write("content/blog/2024/hello.md", post("Hello", "2024-05-01", "menus: {footer: {weight: 5}}\n") + "![Map](/img/map.png)\n");
        write("static/img/map.png", "MAP");
        write("static/img/unused.png", "UNUSED");
        write("content/blog/2025/hello.md", post("Hello again", "2025-05-01", "")
                + "Read [the first]({{< ref \"../2024/hello.md\" >}}) and [the arrow]({{< relref \"/blog/2024/arrow#logo\" >}}).\n"
                + "Not [the draft]({{< ref \"/blog/2024/draft\" >}}).\n");
        write("content/blog/2024/draft.md", post("Draft", "2024-05-01", "draft: true\n"));
        write("content/blog/2024/soon.md", post("Soon", "2099-01-01", ""));
        write("content/blog/2024/old.md", post("Old", "2020-01-01", "expiryDate: 2021-01-01\n"));
        write("content/blog/2024/notes.draft.md", post("Notes", "2024-05-01", ""));
        write("content/blog/2024/untitled.md", "---\ndate: 2024-05-01\n---\nNo title.\n");
        write("content/blog/_includes/snippet.md", "A snippet.\n");
        write("content/about.md", post("About", "2024-01-01", ""));
        write("content/team/index.md", post("Team", "2024-01-01", ""));
    }

    private void write(String path, String text) throws IOException {
        Path file = site.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String post(String title, String date, String extra) {
        return "---\ntitle: " + title + "\ndate: " + date + "\n" + extra + "---\nThe opening of " + title + ".\n\n";
    }

    private ImportPlan plan() throws IOException {
        HugoConfig config = HugoConfig.read(site);
        var parser = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, config.title(), ZoneOffset.UTC);
        return new HugoImport(config, parser, dev.newsroom.migrate.Prefixes.DEFAULT, NOW).plan(site);
    }

    @Test
    void publishesWhatHugoPublishesAndSaysWhyForEveryOtherFile() throws IOException {
        Map<String, Outcome> outcomes = plan().outcomes().stream().collect(Collectors.toMap(Outcome::file, Function.identity()));
        assertEquals(14, outcomes.size());
        assertEquals(Optional.of("/about/"), outcomes.get("content/about.md").newsroomUrl(),
                "a page outside every section is a static page, at Hugo's URL for it");
        assertEquals("published with warnings", outcomes.get("content/blog/2024/arrow/index.md").result().label());
        assertEquals("published", outcomes.get("content/blog/2024/hello.md").result().label());
        assertEquals("published with warnings", outcomes.get("content/blog/2025/hello.md").result().label(),
                "a slug two URLs share, as Hugo allows; its ref to a draft is reported: " + outcomes.get("content/blog/2025/hello.md"));
        assertTrue(outcomes.get("content/blog/2025/hello.md").details().stream().anyMatch(d -> d.contains("/blog/2024/draft")),
                outcomes.get("content/blog/2025/hello.md")::toString);
        assertEquals(Optional.of("/blog/2025/hello/"), outcomes.get("content/blog/2025/hello.md").newsroomUrl());
        Map<String, String> causes = Map.of(
                "content/_index.md", "the home page's list",
                "content/blog/2024/draft.md", "a draft",
                "content/blog/2024/old.md", "expired",
                "content/blog/2024/notes.draft.md", "matches the site's ignoreFiles",
                "content/blog/_includes/snippet.md", "never rendered",
                "content/blog/2024/untitled.md", "the publish function would refuse it");
        causes.forEach((file, cause) -> assertTrue(outcomes.get(file).cause().startsWith(cause), file + ": " + outcomes.get(file)));
        assertEquals(List.of("title: is required"), outcomes.get("content/blog/2024/untitled.md").details());
        assertTrue(outcomes.get("content/blog/2024/soon.md").details().stream().anyMatch(d -> d.startsWith("embargoed until")),
                "dated in the future, it is uploaded to wait for its time: " + outcomes.get("content/blog/2024/soon.md"));
        assertTrue(outcomes.get("content/blog/_index.md").cause().endsWith("its URL answers 301 with its language's home"));
        assertEquals(Optional.of("/blog/"), outcomes.get("content/blog/_index.md").originalUrl());
        assertEquals(Optional.of("/blog/2024/arrow/"), outcomes.get("content/blog/2024/arrow/index.md").originalUrl());
        assertEquals(Optional.of("/es/blog/2024/arrow/"), outcomes.get("content/blog/2024/arrow/index.es.md").originalUrl());
        assertEquals(Optional.of("/es/blog/2024/arrow/"), outcomes.get("content/blog/2024/arrow/index.es.md").newsroomUrl(),
                "a translation is published at its language's URL");
        assertEquals(Optional.of("/blog/2024/arrow/"), outcomes.get("content/blog/2024/arrow/index.md").newsroomUrl(),
                "the URL Hugo gave it");
        assertEquals(List.of("the image gone.png is not in the site: it is left out"),
                outcomes.get("content/blog/2024/arrow/index.md").details());
    }

    @Test
    void uploadsArticlesWithTheirFilesAndPointsThemThere() throws IOException {
        ImportPlan plan = plan();
        Map<String, String> uploads = plan.uploads().stream().collect(Collectors.toMap(ImportPlan.Upload::key,
                upload -> new String(upload.bytes(), StandardCharsets.UTF_8)));
        assertEquals(List.of("site.yaml", "pages/about.md", "articles/blog/2024/arrow/index.es.md", "assets/blog/2024/arrow/logo.png",
                        "articles/blog/2024/arrow/index.md", "articles/blog/2024/hello.md", "assets/img/map.png", "articles/blog/2024/soon.md", "articles/blog/2025/hello.md",
                        "pages/team/index.md"),
                plan.uploads().stream().map(ImportPlan.Upload::key).toList());
        String arrow = uploads.get("articles/blog/2024/arrow/index.md");
        assertTrue(arrow.contains("![Logo](/assets/blog/2024/arrow/logo.png)"), arrow);
        assertTrue(arrow.startsWith("---\ntitle: Arrow\n"), "the front matter is uploaded as written: site.yaml's pattern gives it its URL");
        assertTrue(uploads.get("pages/about.md").startsWith("---\nurl: /about/\ntitle: About\n"),
                "a URL no pattern gives is kept with url");
        assertEquals("PNG", uploads.get("assets/blog/2024/arrow/logo.png"));
        assertTrue(uploads.get("articles/blog/2024/hello.md").contains("![Map](/assets/img/map.png)"), "the static folder's files too");
        assertEquals("MAP", uploads.get("assets/img/map.png"));
        assertTrue(uploads.get("articles/blog/2025/hello.md").contains(
                "Read [the first](/blog/2024/hello/) and [the arrow](/blog/2024/arrow/#logo)."), "ref and relref lead to the URLs the pages keep");
    }

    @Test
    void writesTheSitesMenusFromItsConfigurationAndItsPages() throws Exception {
        ImportPlan plan = plan();
        SiteSettings settings = SiteSettings.stored(plan.uploads().stream().filter(u -> u.key().equals(SiteSettings.KEY)).findFirst()
                .map(u -> new String(u.bytes(), StandardCharsets.UTF_8)).orElseThrow());
        assertEquals(List.of(new SiteSettings.MenuItem("About", "/about/", 10), new SiteSettings.MenuItem("GitHub", "https://github.com/example", 30),
                        new SiteSettings.MenuItem("Arrow", "/blog/2024/arrow/", Integer.MAX_VALUE)),
                settings.menus().get("main"), "a pageRef leads to the page's URL and takes its title; a section's list is left out");
        assertEquals(List.of(new SiteSettings.MenuItem("Hello", "/blog/2024/hello/", 5)), settings.menus().get("footer"),
                "a page's front matter puts it in a menu");
        List<String> assumptions = plan.assumptions();
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("menu entry Blog is left out")), assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("menu entry Arrow is listed flat")), assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("menus of es are left out")), assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("menu entry Mail of main is left out")), assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("menu entry Draft is left out")), "a draft is no page to link: " + assumptions);
        assertEquals("Hello", settings.params().get("greeting"), "one entry Newsroom refuses costs the site nothing else");
    }

    @Test
    void writesRedirectsFromTheSectionsListPagesToTheirLanguagesHome() throws Exception {
        SiteSettings settings = SiteSettings.stored(plan().uploads().stream().filter(u -> u.key().equals(SiteSettings.KEY)).findFirst()
                .map(u -> new String(u.bytes(), StandardCharsets.UTF_8)).orElseThrow());
        assertEquals(Map.of("/blog/", "/", "/blog", "/", "/posts/", "/", "/posts", "/", "/es/blog/", "/es/", "/es/blog", "/es/"),
                settings.redirects(), "the section's list, its _index.md's aliases, and the list Hugo makes for the Spanish section");
    }

    @Test
    void writesTheSitesPermalinksLanguagesAndParamsAsSiteYaml() throws Exception {
        String yaml = plan().uploads().stream().filter(u -> u.key().equals(SiteSettings.KEY)).findFirst()
                .map(u -> new String(u.bytes(), StandardCharsets.UTF_8)).orElseThrow();
        SiteSettings settings = SiteSettings.stored(yaml);
        assertTrue(yaml.contains("- code: en\n  name: en\n"), "keys in a fixed order, so importing again uploads nothing: " + yaml);
        assertEquals(HugoSiteSettings.CONTENT_PATH, settings.permalinks().pattern("blog"), "Hugo's default: the content path");
        assertEquals("en", settings.languages().get(0).code(), "the default language first");
        assertEquals(new Permalinks.Place("blog", "blog/2024", "hello"), Permalinks.Place.ofSourceKey("articles/blog/2024/hello.md"));
        assertEquals("/blog/2024/hello/", settings.permalinks().path(Permalinks.Values.of(
                Permalinks.Place.ofSourceKey("articles/blog/2024/hello.md"), "hello", "Hello", Optional.empty())),
                "a new post in the section lands where Hugo would have put it");
    }
}

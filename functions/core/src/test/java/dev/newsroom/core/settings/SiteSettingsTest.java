package dev.newsroom.core.settings;

import dev.newsroom.core.article.PreModeration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.Problem;
import dev.newsroom.core.shortcode.Shortcodes;
import dev.newsroom.core.shortcode.SiteShortcode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteSettingsTest {

    private static final String FULL = """
            permalinks:
              /: /articles/:slug
              blog: /blog/:year/:month/:day/:slug/
            languages:
              - code: en
                name: English
              - code: pt-BR
                name: Português
            menus:
              main:
                - {name: Blog, url: /blog/, weight: 2}
                - {name: About, url: /about/, weight: 1}
                - {name: GitHub, url: "https://github.com/open-telemetry"}
            params:
              canonical_url: https://opentelemetry.io
              notes: {compose: Compose V2 replaces docker-compose.}
            shortcodes:
              imgtxt: {as: figure, params: {text: caption, 0: src}}
              blog/integration-badge:
                html: '<p class="badge">Integration by <a href="{{ link }}">{{ 0 }}</a></p>'
            """;

    static SiteSettings read(String yaml) throws InvalidArticleException {
        return SiteSettings.read(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> problems(String yaml) {
        return assertThrows(InvalidArticleException.class, () -> read(yaml)).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsPermalinksLanguagesMenusParamsAndShortcodes() throws InvalidArticleException {
        SiteSettings settings = read(FULL);
        assertEquals("/blog/:year/:month/:day/:slug/", settings.permalinks().pattern("blog"));
        assertEquals("/articles/:slug", settings.permalinks().pattern("news"));
        assertEquals(List.of(new SiteSettings.Language("en", "English"), new SiteSettings.Language("pt-BR", "Português")),
                settings.languages());
        assertEquals(List.of("About", "Blog", "GitHub"),
                settings.menus().get("main").stream().map(SiteSettings.MenuItem::name).toList(), "by weight, then as written");
        assertEquals("https://opentelemetry.io", settings.params().get("canonical_url"));
        assertEquals(new SiteShortcode.Alias("figure", Map.of("text", "caption", "0", "src")), settings.shortcodes().get("imgtxt"));
        assertInstanceOf(SiteShortcode.Snippet.class, settings.shortcodes().get("blog/integration-badge"));
        assertEquals(settings, SiteSettings.stored(FULL), "what is stored reads back the same");
    }

    @Test
    void readsTheSitesAdsTxtAndRefusesWhatCouldNotBeServedAsIt_C5() throws InvalidArticleException {
        assertEquals(java.util.Optional.of("example.com, pub-1, DIRECT\n# a comment\n"),
                read("adsTxt: |\n  example.com, pub-1, DIRECT\n  # a comment\n").adsTxt());
        assertEquals(List.of("adsTxt: must be text: the lines of the site's ads.txt"), problems("adsTxt: [a, b]\n"));
        assertEquals(List.of("adsTxt: must be at most 16384 characters of lines, without control characters"),
                problems("adsTxt: \"example.com\\u0000\"\n"));
    }

    @Test
    void anEmptyFileIsTheStandardConfiguration() throws InvalidArticleException {
        SiteSettings settings = read("# nothing yet\n");
        assertEquals("/articles/:slug", settings.permalinks().pattern("blog"));
        assertTrue(settings.menus().isEmpty());
    }

    @Test
    void namesEveryProblemWithWhereItIs_C19() {
        List<String> problems = problems("""
                permalink: {blog: /:slug}
                permalinks:
                  blog: /blog/:year/
                  Blog Posts: /x/:slug
                languages:
                  - code: english
                menus:
                  main:
                    - {name: Evil, url: "javascript:alert(1)"}
                    - {name: Elsewhere, url: //evil.example/}
                    - {url: /about/}
                shortcodes:
                  quote: {as: blockquote}
                  both: {as: figure, html: <p></p>}
                """);
        List<String> expected = List.of("permalink: ", "permalinks.blog: ", "permalinks.Blog Posts: ", "languages[0].code: ",
                "menus.main[0].url: ", "menus.main[1].url: ", "menus.main[2].name: ", "shortcodes.quote: ", "shortcodes.both: ");
        expected.forEach(prefix -> assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix)), () -> prefix + " in " + problems));
        assertEquals(expected.size(), problems.size(), problems::toString);
    }

    /** Found by SiteSettingsFuzzTest: a parameter with nothing after its colon was a NullPointerException, not a named problem. */
    @Test
    void refusesAParameterWithoutAValueNamingIt_C21() {
        List<String> problems = problems("""
                params:
                  donate:
                  nested: {a: 1, b: }
                  list: [1, null]
                """);
        List<String> expected = List.of("params.donate: ", "params.nested.b: ", "params.list[1]: ");
        expected.forEach(prefix -> assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix)), () -> prefix + " in " + problems));
        assertEquals(expected.size(), problems.size(), problems::toString);
    }

    @Test
    void readsRedirectsAsTheKeysTheEdgeLooksUp() throws InvalidArticleException {
        SiteSettings settings = read("languages: [{code: en, name: English}, {code: es, name: Español}]\n"
                + "redirects: {/blog/: /, /es/blog: /es/, /old-feed.rss: /feed.xml, /café/: /}");
        assertEquals(Map.of("/blog/", "/", "/blog", "/", "/es/blog/", "/es/", "/es/blog", "/es/", "/old-feed.rss", "/feed.xml",
                "/caf%C3%A9/", "/", "/caf%C3%A9", "/"), settings.redirects(), "a folder with and without its slash, encoded as browsers send it");
    }

    /** Found by SiteSettingsFuzzTest: a redirect to nothing threw StringIndexOutOfBoundsException as the chains were checked. */
    @Test
    void refusesARedirectToNothingNamingIt_C20() {
        List<String> problems = problems("""
                redirects:
                  /old/: ""
                """);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("redirects['/old/']: "), problems::toString);
    }

    @Test
    void refusesRedirectsThatWouldShadowTheSitesOwnPagesOrLeaveIt_C20() {
        List<String> problems = problems("""
                languages: [{code: en, name: English}, {code: es, name: Español}]
                redirects:
                  /: /blog/
                  /category/news: /
                  /feed.xml: /
                  /es/: /
                  /es/archive/2024/: /
                  /a/: https://evil.example/
                  /b/: //evil.example/
                  /c/: javascript:alert(1)
                  /d/: /d/
                  https://old.example/x: /
                  /e/: {to: /}
                  /f/: /g/
                  /g/: /f
                """);
        List<String> expected = List.of("redirects['/']", "redirects['/category/news']", "redirects['/feed.xml']", "redirects['/es/']",
                "redirects['/es/archive/2024/']", "redirects['/a/']", "redirects['/b/']", "redirects['/c/']", "redirects['/d/']",
                "redirects['https://old.example/x']", "redirects['/e/']", "redirects['/f/']", "redirects['/g/']");
        expected.forEach(prefix -> assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix + ": ")), () -> prefix + " in " + problems));
        assertEquals(expected.size(), problems.size(), problems::toString);
    }

    @Test
    void refusesSnippetsThatCouldRunScriptOrPlaceAParameterOutsideAValue_C19() {
        assertTrue(problems("shortcodes: {x: {html: '<script>{{ 0 }}</script>'}}").get(0).contains("scripts"));
        assertTrue(problems("shortcodes: {x: {html: '<a {{ 0 }}>link</a>'}}").get(0).contains("quoted attribute value"));
        assertTrue(problems("shortcodes: {x: {html: '<a href={{ 0 }}>link</a>'}}").get(0).contains("quoted attribute value"));
        assertTrue(problems("shortcodes: {x: {html: '<img src=\"a.png\" onerror=\"{{ 0 }}\">'}}").get(0).contains("onerror"));
        assertTrue(problems("shortcodes: {x: {html: '<p title=\"{{ inner }}\"></p>'}}").get(0).contains("inner"));
        assertTrue(problems("shortcodes: {x: {html: '<{{ 0 }}>'}}").get(0).contains("quoted attribute value"));
    }

    @Test
    void refusesAnOversizedFileAndAliasesOfCollections_C2_C19() {
        byte[] big = ("params: {a: '" + "x".repeat(SiteSettings.MAX_BYTES) + "'}").getBytes(StandardCharsets.UTF_8);
        assertThrows(InvalidArticleException.class, () -> SiteSettings.read(big));
        assertThrows(InvalidArticleException.class, () -> read("params: {a: &a [1, 2], b: *a}"));
    }

    @Test
    void aChangeAffectsTheArticlesOfASectionWhosePatternChangedAndTheBodiesThatUsedWhatChanged() throws InvalidArticleException {
        SiteSettings before = read(FULL);
        SiteSettings after = read(FULL.replace("/blog/:year/:month/:day/:slug/", "/:section/:slug/")
                .replace("canonical_url: https://opentelemetry.io", "canonical_url: https://opentelemetry.io/blog"));
        assertTrue(after.changes(before, "articles/blog/2019/x.md", Set.of(), true));
        assertFalse(after.changes(before, "articles/news/x.md", Set.of(), true));
        assertFalse(after.changes(before, "pages/blog/x.md", Set.of(), false), "static pages take no permalink pattern");
        assertTrue(after.changes(before, "articles/x.md", Set.of(Shortcodes.usesParam("canonical_url")), true));
        assertFalse(after.changes(before, "articles/x.md", Set.of(Shortcodes.usesParam("notes.compose"), Shortcodes.usesShortcode("imgtxt")), true));
        SiteSettings withoutAlias = read(FULL.replace("  imgtxt: {as: figure, params: {text: caption, 0: src}}\n", ""));
        assertTrue(withoutAlias.changes(before, "articles/x.md", Set.of(Shortcodes.usesShortcode("imgtxt")), true));
    }

    @Test
    void addingOrRemovingALanguageChangesEveryArticleButNamingTheOnlyOneDoesNot() throws InvalidArticleException {
        SiteSettings none = read("permalinks: {}");
        SiteSettings english = read("languages: [{code: en, name: English}]");
        SiteSettings spanishToo = read("languages: [{code: en, name: English}, {code: ES, name: Español}]");
        assertFalse(english.changes(none, "articles/x.md", Set.of(), true), "one language, named or not, is a site of one language");
        assertTrue(spanishToo.changes(english, "articles/x.md", Set.of(), true));
        assertTrue(english.changes(spanishToo, "pages/about.md", Set.of(), false), "static pages have versions too");
        assertEquals(List.of("en", "es"), spanishToo.rules().languages(), "codes in lower case, as paths carry them");
    }

    @Test
    void readsTheCommentRulesAndNamesEachProblem_C19() throws InvalidArticleException {
        CommentSettings comments = read("""
                comments:
                  moderation: first
                  bannedWords: [spam, "cheap pills"]
                  suspectWords: [crypto]
                """).comments();
        assertEquals(java.util.Optional.of(PreModeration.FIRST), comments.moderation());
        assertEquals(List.of("spam", "cheap pills"), comments.bannedWords());
        assertEquals(List.of("crypto"), comments.suspectWords());
        assertEquals(CommentSettings.NONE, read("# nothing\n").comments(), "the template's Moderation, and no words");

        List<String> problems = problems("""
                comments:
                  moderation: sometimes
                  bannedWords: ["", "!!!", %s]
                  suspectWords: crypto
                  reported: 3
                """.formatted("x".repeat(CommentSettings.MAX_WORD + 1)));
        for (String prefix : List.of("comments.moderation: ", "comments.bannedWords[0]: ", "comments.bannedWords[1]: ",
                "comments.bannedWords[2]: ", "comments.suspectWords: ", "comments.reported: ")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(prefix)), () -> prefix + " in " + problems);
        }
    }
}

package dev.newsroom.core.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OldUrlsTest {

    private static final String ARTICLE = "/blog/2022/gc-elections/";

    @ParameterizedTest
    @CsvSource({
            "/2019/06/07/ropensci-docs.html, /2019/06/07/ropensci-docs.html",
            "/Posts/Old Story.html, /Posts/Old%20Story.html",
            "/?p=123, /?p=123",
            "/?page_id=7, /?page_id=7"})
    void keysAnAliasAsAReadersRequestNamesIt(String alias, String key) {
        assertEquals(List.of(key), OldUrls.key(alias, ARTICLE).values(), alias);
    }

    @ParameterizedTest
    @CsvSource({
            "/2019/06/07/ropensci-docs/, /2019/06/07/ropensci-docs",
            "/2019/06/07/ropensci-docs, /2019/06/07/ropensci-docs",
            "/actualités/été/, /actualit%C3%A9s/%C3%A9t%C3%A9",
            "/actualit%c3%a9s/%C3%A9t%C3%A9/, /actualit%C3%A9s/%C3%A9t%C3%A9",
            "/c++/100%/, /c++/100%25",
            "gc-elections-2022, /blog/2022/gc-elections-2022"})
    void aFolderAliasAnswersWithAndWithoutItsSlashAndARelativeOneIsReadFromTheArticlesFolder(String alias, String folder) {
        assertEquals(List.of(folder + "/", folder), OldUrls.key(alias, ARTICLE).values(), alias);
        assertEquals(List.of("/articles/old.html"), OldUrls.key("old.html", "/articles/new").values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/x", "//evil.example/x", "javascript:alert(1)", "HTTP://Evil.Example/",
            "mailto:x@example.com"})
    void refusesAnAliasThatPointsOffTheSite_C18(String offSite) {
        assertTrue(OldUrls.key(offSite, ARTICLE).problem().orElseThrow().contains("points off the site"), offSite);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/feed.xml", "/404.html", "/sitemap.xml", "/index.html", "/category/city", "/tag/x/",
            "/api/articles/x/comments", "/assets/x.png", "/author/amara"})
    void refusesAnAliasThatWouldHideOneOfTheSitesOwnPages_C18(String own) {
        assertTrue(OldUrls.key(own, ARTICLE).problem().orElseThrow().contains("site's own pages"), own);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/../b", "/a/./b", "/a//b", "/..", "/x?utm=1", "/x#top", "/?p=abc", "/?p=0", "/?cat=3"})
    void refusesTraversalQueriesAndFragments_C18(String hostile) {
        assertTrue(OldUrls.key(hostile, ARTICLE).problem().isPresent(), hostile);
    }

    @Test
    void refusesAnAliasLongerThanTheEdgeKeepsKeys_C18() {
        assertTrue(OldUrls.key("/" + "a".repeat(OldUrls.MAX_LENGTH), ARTICLE).problem().orElseThrow().contains("longer than"));
    }
}

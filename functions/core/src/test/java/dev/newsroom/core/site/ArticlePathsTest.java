package dev.newsroom.core.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArticlePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/articles/harbour-bridge", "/blog/2019/06/07/ropensci-docs/", "/es/blog/2021/collector/",
            "/2024/my_post", "/a", "/2024/05/01/trams-return.html", "/blog/2022/v1.0-trio/", "/news/release.php"})
    void takesPathsOfLowerCaseWords(String path) {
        assertEquals(Optional.empty(), ArticlePaths.problem(path));
        assertEquals(Optional.of(path), ArticlePaths.fromToken(ArticlePaths.token(path)), "its token stands for it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../etc/passwd", "/articles/../../x", "/articles/./x", "/a//b", "//evil.example/x",
            "/articles/.html", "/articles/x..html", "/articles/x.", "/articles/x%2f..", "/articles/x\\y", "/Blog/X", "/articles/-x", "/articles/x-", "/ç/x",
            "articles/x", "/", ""})
    void refusesPathsThatCouldLeaveTheSitesPagesOrAreNotCanonical_C4(String hostile) {
        assertFalse(ArticlePaths.isSafe(hostile), hostile);
        assertThrows(IllegalArgumentException.class, () -> SiteLayout.articleKey(hostile), "no page key for " + hostile);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/feed.xml", "/404.html", "/404", "/sitemap.xml", "/index.html", "/index", "/robots.txt",
            "/blog/index.html", "/blog/index", "/blog/index.xml"})
    void refusesTheFilesOfTheSitesOwn_C17(String taken) {
        assertTrue(ArticlePaths.problem(taken).orElseThrow().contains("a file of the site's own"), taken);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/articles/x/comments", "/assets/site/x", "/category/city", "/tag/x", "/author/amara",
            "/archive/2024", "/sitemaps/2024-05-01", "/desk/"})
    void refusesTheFoldersOfTheSitesOwnPages_C17(String taken) {
        assertTrue(ArticlePaths.problem(taken).orElseThrow().contains("the site's own pages use"), taken);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/es/archive/2024/05/01", "/es/feed.xml", "/pt-br/sitemap.xml", "/ja/sitemaps/2024-05-01.xml",
            "/es/news-sitemap.xml", "/es/category/x"})
    void refusesWhatALanguagesHomeUsesUnderItsPrefix_C17(String taken) {
        assertTrue(ArticlePaths.problem(taken).orElseThrow().contains("which a language's home uses"), taken);
    }

    @Test
    void boundsLengthAndDepth() {
        assertTrue(ArticlePaths.problem("/" + "a".repeat(ArticlePaths.MAX_LENGTH)).isPresent());
        assertTrue(ArticlePaths.problem("/a/b/c/d/e/f/g/h/i").orElseThrow().contains("at most 8 segments"));
        assertEquals(Optional.empty(), ArticlePaths.problem("/a/b/c/d/e/f/g/h/"));
    }

    @Test
    void aTokenIsOneUrlSegmentAndOnlyAnArticlesPathComesBack_C4() {
        assertEquals("blog~2019~x~", ArticlePaths.token("/blog/2019/x/"));
        assertEquals("/api/articles/blog~2019~x~/comments", SiteLayout.commentsApiPath("/blog/2019/x/"));
        for (String hostile : new String[] {"..~..~etc", "~~x", "", "api~x", "feed.xml", "articles%2fx"}) {
            assertEquals(Optional.empty(), ArticlePaths.fromToken(hostile), hostile);
        }
    }

    @Test
    void anArticlesPageKeyFollowsItsPath() {
        assertEquals("articles/harbour-bridge.html", SiteLayout.articleKey("/articles/harbour-bridge"));
        assertEquals("blog/2019/06/07/ropensci-docs/index.html", SiteLayout.articleKey("/blog/2019/06/07/ropensci-docs/"));
        assertEquals("2024/05/01/trams-return.html", SiteLayout.articleKey("/2024/05/01/trams-return.html"),
                "a Jekyll URL is its own object, which the CDN serves as it is");
    }
}

package dev.newsroom.core.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PermalinksTest {

    private static final Optional<LocalDate> JUNE_7 = Optional.of(LocalDate.of(2019, 6, 7));

    private static Permalinks.Values values(String sourceKey, String slug) {
        return Permalinks.Values.of(Permalinks.Place.ofSourceKey(sourceKey), slug, "Docs for rOpenSci", JUNE_7);
    }

    @Test
    void aSectionIsTheFirstFolderUnderThePrefixAndABundleIsNamedByItsFolder() {
        assertEquals(new Permalinks.Place("blog", "blog/2021", "collector"),
                Permalinks.Place.ofSourceKey("articles/blog/2021/collector/index.md"));
        assertEquals(new Permalinks.Place("blog", "blog/2021", "collector"), Permalinks.Place.ofSourceKey("articles/blog/2021/collector.md"));
        assertEquals(new Permalinks.Place(Permalinks.ROOT, "", "harbour"), Permalinks.Place.ofSourceKey("articles/harbour.md"));
    }

    @Test
    void withoutPatternsEveryArticleIsUnderArticlesBySlug() {
        assertEquals("/articles/ropensci-docs", Permalinks.STANDARD.path(values("articles/blog/2019/x.md", "ropensci-docs")));
        assertEquals("/articles/ropensci-docs", Permalinks.STANDARD.path(values("articles/ropensci-docs.md", "ropensci-docs")));
    }

    @Test
    void aSectionTakesItsOwnPatternElseTheRoots() {
        var permalinks = new Permalinks(Map.of("blog", "/blog/:year/:month/:day/:slug/", Permalinks.ROOT, "/:section/:slug"));
        assertEquals("/blog/2019/06/07/ropensci-docs/", permalinks.path(values("articles/blog/2019/x.md", "ropensci-docs")));
        assertEquals("/news/ropensci-docs", permalinks.path(values("articles/news/x.md", "ropensci-docs")));
        assertEquals("/ropensci-docs", permalinks.path(values("articles/x.md", "ropensci-docs")));
    }

    @Test
    void fillsHugosTokensAndCleansThePathAsHugoDoes() {
        var place = new Permalinks.Place("blog", "blog/2021", "Collector Notes");
        var values = new Permalinks.Values(place, "Docs for rOpenSci", "Collector Notes", "Docs for rOpenSci", JUNE_7);
        assertEquals("/blog/2021/collector-notes/", Permalinks.expand("/:sections/:slugorcontentbasename/", values));
        assertEquals("/june/friday/158/5/docs-for-ropensci", Permalinks.expand("/:monthname/:weekdayname/:yearday/:weekday/:title", values));
        assertEquals("/blog/collector-notes.html", Permalinks.expand("/:section/:filename.html", values));
        assertEquals("/blog/my-first-post/", Permalinks.clean("/Blog/My First Post!/"));
        assertEquals("/café/a_b.c/", Permalinks.clean("//café//a_b.c/"));
    }

    @Test
    void refusesPatternsThatCannotGiveEachArticleASafeAddress_C4() {
        assertTrue(Permalinks.problem("/blog/:year/:slug/").isEmpty());
        assertTrue(Permalinks.problem("blog/:slug").isPresent(), "not from the root");
        assertTrue(Permalinks.problem("/blog/:year/").get().contains("the same address"));
        assertTrue(Permalinks.problem("/../:slug").isPresent());
        assertTrue(Permalinks.problem("//evil.example/:slug").isPresent());
        assertTrue(Permalinks.problem("/blog/:unknown/:slug").isPresent());
        assertTrue(Permalinks.problem("/Blog/<script>/:slug").isPresent());
        assertTrue(Permalinks.problem("/" + "a".repeat(Permalinks.MAX_PATTERN_LENGTH) + "/:slug").isPresent());
    }
}

package dev.newsroom.migrate.hugo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URLs Hugo gives pages, which an import must keep answering. */
class HugoUrlsTest {

    private static final HugoConfig PLAIN = HugoConfig.from(Map.of("languages", Map.of("en", Map.of(), "es", Map.of())), List.of());

    private static HugoContent.Page page(String language, String contentPath, HugoContent.Kind kind) {
        String[] parts = contentPath.split("/");
        String base = kind == HugoContent.Kind.BUNDLE ? parts[parts.length - 2] : parts[parts.length - 1].replaceAll("\\..*$", "");
        return new HugoContent.Page(Path.of(contentPath), language, contentPath, kind, base, List.of());
    }

    @Test
    void followsTheContentPathByDefault() {
        assertEquals("/blog/2021/collector/", HugoUrls.of(PLAIN, page("en", "blog/2021/collector.md", HugoContent.Kind.PAGE), Map.of()).path());
        assertEquals("/blog/2024/otel-arrow/", HugoUrls.of(PLAIN, page("en", "blog/2024/otel-arrow/index.md", HugoContent.Kind.BUNDLE),
                Map.of()).path());
        assertEquals("/about/", HugoUrls.of(PLAIN, page("en", "about.md", HugoContent.Kind.PAGE), Map.of()).path());
    }

    @Test
    void takesSlugForTheLastSegmentAndUrlForTheWholePath() {
        var page = page("en", "blog/2021/collector.md", HugoContent.Kind.PAGE);
        assertEquals("/blog/2021/the-collector/", HugoUrls.of(PLAIN, page, Map.of("slug", "The Collector")).path());
        assertEquals("/news/Collector.html", HugoUrls.of(PLAIN, page, Map.of("url", "/news/Collector.html", "slug", "x")).path());
    }

    @Test
    void prefixesLanguagesOtherThanTheDefault() {
        var translation = page("es", "blog/2025/declarative-config.md", HugoContent.Kind.PAGE);
        assertEquals("/es/blog/2025/declarative-config/", HugoUrls.of(PLAIN, translation, Map.of()).path());
        var inSubdir = HugoConfig.from(Map.of("defaultContentLanguageInSubdir", true), List.of());
        assertEquals("/en/blog/2021/collector/", HugoUrls.of(inSubdir, page("en", "blog/2021/collector.md", HugoContent.Kind.PAGE),
                Map.of()).path());
    }

    @Test
    void expandsEachSectionsPermalinkPattern() {
        var dated = HugoConfig.from(Map.of("permalinks", Map.of("page", Map.of("blog", "/blog/:year/:month/:day/:slug/"))), List.of());
        var post = page("en", "blog/ropensci-docs.md", HugoContent.Kind.PAGE);
        Map<String, Object> fields = Map.of("title", "rOpenSci Docs", "date", "2019-06-07T10:00:00-05:00");
        assertEquals("/blog/2019/06/07/ropensci-docs/", HugoUrls.of(dated, post, fields).path(), "no slug: :slug is the title, made a path");
        var legacy = HugoConfig.from(Map.of("permalinks", Map.of("posts", "/:sections/:monthname/:filename")), List.of());
        assertEquals("/posts/2024/june/my-post", HugoUrls.of(legacy, page("en", "posts/2024/my-post.md", HugoContent.Kind.PAGE),
                Map.of("date", "2024-06-01")).path());
    }

    @Test
    void givesAliasesAsPaths() {
        var page = page("en", "blog/2021/collector.md", HugoContent.Kind.PAGE);
        assertEquals(List.of("/old/collector/", "/blog/2021/collector-v1/"),
                HugoUrls.of(PLAIN, page, Map.of("aliases", List.of("/old/collector/", "collector-v1/"))).aliases());
    }
}

package dev.newsroom.core.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteLayoutTest {

    /** Each object's paths map back to it by the edge's rule, which is what makes them the paths the edge caches it under. */
    @Test
    void namesEveryPathTheEdgeMayCacheAnObjectUnder() {
        assertEquals(List.of("/", "/index.html"), SiteLayout.cachedPaths("index.html"));
        assertEquals(List.of("/category/city/", "/category/city/index.html"), SiteLayout.cachedPaths("category/city/index.html"));
        assertEquals(List.of("/articles/x", "/articles/x.html"), SiteLayout.cachedPaths("articles/x.html"));
        assertEquals(List.of("/feed.xml"), SiteLayout.cachedPaths("feed.xml"));
        for (String key : List.of("index.html", "tag/a/index.html", "articles/x.html", "2024/05/01/hello.html", "sitemaps/2024-05-01.xml")) {
            SiteLayout.cachedPaths(key).forEach(path -> assertEquals(key, SiteLayout.objectKey(path), path));
        }
    }
}

package dev.newsroom.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.article.ArticleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginalUrlTest {

    @Test
    void keepsTheUrlInTheFrontMattersOwnLanguage() throws Exception {
        List<String> warnings = new ArrayList<>();
        String yaml = OriginalUrl.keep("---\ntitle: A\n---\n", Map.of("title", "A"), "/blog/2019/a/", warnings);
        String toml = OriginalUrl.keep("+++\ntitle = 'A'\n[params]\nx = 1\n+++\n", Map.of("title", "A"), "/2024/05/01/a.html", warnings);

        assertEquals("---\nurl: /blog/2019/a/\ntitle: A\n---\n", yaml);
        assertEquals("/blog/2019/a/", ArticleParser.markdownSource(yaml + "Body").fields().get("url"));
        assertEquals("/2024/05/01/a.html", ArticleParser.markdownSource(toml + "Body").fields().get("url"),
                "before the first table, so it stays a top-level key");
        assertEquals(List.of(), warnings);
    }

    @Test
    void leavesAUrlTheFileGivesItselfAndSaysWhyAUrlCannotBeKept() {
        List<String> warnings = new ArrayList<>();
        String own = "---\nurl: /news/a/\n---\n";
        assertEquals(own, OriginalUrl.keep(own, Map.of("url", "/news/a/"), "/blog/a/", warnings));
        assertEquals(List.of(), warnings);

        String upper = "---\ntitle: A\n---\n";
        assertEquals(upper, OriginalUrl.keep(upper, Map.of(), "/News/A.html", warnings));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("its URL cannot be kept: '/News/A.html' must be made of lower-case letters"), warnings::toString);
    }
}

package dev.newsroom.core.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.site.Permalinks;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an article's language, its path's prefix and what its translations share come from its file and front matter. */
class ArticleLanguagesTest {

    private static final SiteRules SPANISH_TOO = new SiteRules(new Permalinks(Map.of("blog", "/blog/:year/:slug/")),
            Map.of(), Map.of(), List.of("en", "es", "pt-br"));
    private final ArticleParser parser = new ArticleParser(new MarkdownRenderer(), SPANISH_TOO, "The Daily Example", ZoneOffset.UTC);

    private ArticleMetadata parse(String key, String frontMatter) throws InvalidArticleException {
        return parser.parse(key, ("---\ntitle: A\ndate: 2026-05-21\n" + frontMatter + "---\nBody.\n")
                .getBytes(StandardCharsets.UTF_8)).metadata();
    }

    @Test
    void aFileNamedForALanguageIsThatLanguagesVersionUnderItsPrefix() throws Exception {
        ArticleMetadata spanish = parse("articles/blog/otel-graduates.es.md", "");
        assertEquals(Optional.of("es"), spanish.lang());
        assertEquals("otel-graduates", spanish.slug(), "the language is no part of the slug");
        assertEquals("/es/blog/2026/otel-graduates/", spanish.path());
        assertEquals(Optional.of("articles/blog/otel-graduates"), spanish.translationKey());

        ArticleMetadata english = parse("articles/blog/otel-graduates.md", "");
        assertEquals(Optional.empty(), english.lang());
        assertEquals("/blog/2026/otel-graduates/", english.path());
        assertEquals(spanish.translationKey(), english.translationKey(), "versions of one file share their key");
    }

    @Test
    void aBundlesIndexNamedForALanguageIsItsBundlesVersion() throws Exception {
        ArticleMetadata bundle = parse("articles/blog/collector/index.pt-br.md", "");
        assertEquals(Optional.of("pt-br"), bundle.lang());
        assertEquals("/pt-br/blog/2026/collector/", bundle.path());
        assertEquals(Optional.of("articles/blog/collector/index"), bundle.translationKey());
        assertEquals(Optional.empty(), parse("articles/blog/collector/index.en.md", "").lang(), "the default language has no prefix");
    }

    @Test
    void frontMatterNamesTheLanguageAndTheTranslationKey() throws Exception {
        ArticleMetadata given = parse("articles/blog/graduacion.md", "lang: ES\ntranslationKey: graduation\n");
        assertEquals(Optional.of("es"), given.lang());
        assertEquals("/es/blog/2026/graduacion/", given.path());
        assertEquals(Optional.of("graduation"), given.translationKey());
        assertEquals("/es/noticias/x", parse("articles/blog/x.es.md", "url: noticias/x\n").path(), "a relative url takes the prefix");
        assertEquals("/noticias/x", parse("articles/blog/x.es.md", "url: /noticias/x\n").path(), "a url from the root is kept");
    }

    @Test
    void aSuffixThatIsNoLanguageOfTheSiteIsPartOfTheName() throws Exception {
        ArticleMetadata article = parse("articles/blog/release.v2.md", "");
        assertEquals(Optional.empty(), article.lang());
        assertEquals("release-v2", article.slug());
        assertEquals(Optional.of("articles/blog/release.v2"), article.translationKey());
    }

    @Test
    void anUnknownLanguageInFrontMatterIsAWarningNotARefusal() throws Exception {
        Article article = parser.parse("articles/blog/x.md", "---\ntitle: A\ndate: 2026-05-21\nlang: fr\n---\nBody.\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), article.metadata().lang());
        assertTrue(article.warnings().stream().anyMatch(w -> w.field().equals("lang") && w.message().contains("en, es, pt-br")),
                article.warnings().toString());
    }

    @Test
    void aSiteOfOneLanguageHasNoTranslations() throws Exception {
        ArticleMetadata meta = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "The Daily Example", ZoneOffset.UTC)
                .parse("articles/x.es.md", "---\ntitle: A\ndate: 2026-05-21\nlang: es\n---\nBody.\n".getBytes(StandardCharsets.UTF_8))
                .metadata();
        assertEquals(Optional.empty(), meta.lang());
        assertEquals(Optional.empty(), meta.translationKey());
        assertEquals("/articles/x-es", meta.path());
    }
}

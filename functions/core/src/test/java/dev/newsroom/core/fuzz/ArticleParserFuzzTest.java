package dev.newsroom.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.testkit.ExecutableHtml;
import java.time.ZoneOffset;

/**
 * Any bytes an editor could upload, through the publish function's parser: front matter (YAML,
 * TOML or JSON), Markdown with shortcodes, and the sanitiser. The only refusal allowed is the
 * documented one ({@link InvalidArticleException}); what it accepts must hold nothing a browser
 * would run, in its body or in any field a page shows.
 *
 * <p>{@code ./newsroom test} replays the kept inputs and every crash found (this class's
 * {@code Inputs} folder under test resources) in seconds; {@code ./newsroom fuzz} fuzzes.
 */
class ArticleParserFuzzTest {

    private static final ArticleParser PARSER = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "Fuzz", ZoneOffset.UTC);

    @FuzzTest(maxDuration = "10m")
    void parsesAnyUploadIntoSafeHtmlOrRefusesIt(byte[] upload) {
        Article article;
        try {
            article = PARSER.parse("articles/fuzz.md", upload);
        } catch (InvalidArticleException refused) {
            return;
        }
        ExecutableHtml.in(article.bodyHtml()).ifPresent(found -> {
            throw new AssertionError("the body would run " + found);
        });
    }
}

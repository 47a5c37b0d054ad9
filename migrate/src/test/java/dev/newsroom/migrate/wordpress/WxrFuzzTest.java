package dev.newsroom.migrate.wordpress;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.InvalidArticleException;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.migrate.ImportPlan;
import dev.newsroom.migrate.Prefixes;
import dev.newsroom.testkit.ExecutableHtml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;

/**
 * Any file given to {@code ./newsroom import wordpress}, through the WXR reader and the import's
 * plan, and each article it would upload through the publish function's parser. The reader's one
 * refusal is an {@link IOException} naming the file (a DTD or an entity among its reasons: no XXE,
 * no expansion); each upload the plan makes must be published safely or refused by the parser with
 * its documented {@link InvalidArticleException}, with nothing in a body a browser would run.
 */
class WxrFuzzTest {

    private static final ArticleParser PARSER = new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "Fuzz", ZoneOffset.UTC);
    private static final WordPressImport IMPORT = new WordPressImport(PARSER, Prefixes.DEFAULT);

    @FuzzTest(maxDuration = "10m")
    void importsAnyExportSafelyOrRefusesIt(byte[] export) {
        Wxr wxr;
        try {
            wxr = Wxr.read(new ByteArrayInputStream(export), "fuzz.xml");
        } catch (IOException refused) {
            return;
        }
        ImportPlan plan = IMPORT.plan(wxr, "fuzz.xml");
        for (ImportPlan.Upload upload : plan.uploads()) {
            if (!upload.key().endsWith(".md")) {
                continue;
            }
            Article article;
            try {
                article = PARSER.parse(upload.key(), upload.bytes());
            } catch (InvalidArticleException refused) {
                continue;
            }
            ExecutableHtml.in(article.bodyHtml()).ifPresent(found -> {
                throw new AssertionError(upload.key() + " would run " + found);
            });
        }
    }
}

package dev.newsroom.comments;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.newsroom.core.article.Article;
import dev.newsroom.core.article.ArticleParser;
import dev.newsroom.core.article.MarkdownRenderer;
import dev.newsroom.core.article.SiteRules;
import dev.newsroom.core.config.Env;
import dev.newsroom.core.discussion.Discussion;
import dev.newsroom.core.discussion.ShownComment;
import dev.newsroom.core.render.PageRenderer;
import dev.newsroom.core.site.SiteConfig;
import dev.newsroom.testkit.ExecutableHtml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Any request a reader could send to {@code POST /comments}, through the comments function's
 * decoder and rules, and then onto the article's page as an approved comment. The only refusal
 * allowed is an {@link ApiError}, and a client's fault at that (a 4xx answer): anything else would be
 * a 500 for a reader's mistake. What the rules accept must show on the page as text, with nothing a
 * browser would run in the comment's markup.
 */
class CommentRequestFuzzTest {

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "application/json; charset=utf-8", "application/x-www-form-urlencoded; charset=UTF-8", "text/plain", "");
    private static final CommentRules RULES = new CommentRules(Set.of("Newsroom Staff"));
    private static final PageRenderer PAGES = new PageRenderer(SiteConfig.from(new Env(Map.of(
            "SITE_URL", "https://news.example.org", "SITE_NAME", "The Daily Example"))));
    private static final Article ARTICLE = article();

    @FuzzTest(maxDuration = "10m")
    void decodesAnyRequestIntoASafeCommentOrRefusesIt(FuzzedDataProvider data) {
        String contentType = data.pickValue(CONTENT_TYPES);
        boolean base64 = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        // API Gateway passes a text body as it came, and anything else in base64.
        ApiRequest request = new ApiRequest("POST /comments", Optional.of("POST"), Map.of("content-type", contentType), Map.of(),
                Map.of(), base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8), base64,
                "192.0.2.1", Map.of());
        ValidComment comment;
        try {
            comment = RULES.validate(RequestDecoder.comment(request));
        } catch (ApiError refused) {
            int status = refused.kind().status();
            if (status < 400 || status >= 500) {
                throw new AssertionError("a reader's request was answered " + status + ": " + refused.getMessage(), refused);
            }
            return;
        }
        ShownComment shown = new ShownComment("01fuzz", comment.name(), comment.website(), comment.body(), comment.parentId(),
                Instant.EPOCH, false, false);
        String page = PAGES.article(ARTICLE, List.of(), List.of(), Discussion.of(List.of(shown)));
        String comments = Jsoup.parse(page).getElementById("comment-list").outerHtml();
        ExecutableHtml.in(comments).ifPresent(found -> {
            throw new AssertionError("the comment would run " + found);
        });
    }

    private static Article article() {
        try {
            return new ArticleParser(new MarkdownRenderer(), SiteRules.STANDARD, "Fuzz", ZoneOffset.UTC).parse("articles/fuzz.md",
                    "---\ntitle: Comments under fuzz\ndate: 2026-01-01T00:00:00Z\n---\nThe article the comments go under.\n"
                            .getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("the fuzz target's own article must parse", e);
        }
    }
}

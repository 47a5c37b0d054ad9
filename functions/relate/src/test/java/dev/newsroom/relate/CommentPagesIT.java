package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.config.Env;
import dev.newsroom.core.json.Json;
import dev.newsroom.core.site.SiteLayout;
import dev.newsroom.core.store.StreamRecord;
import dev.newsroom.testkit.CloudFormationTemplate;
import dev.newsroom.testkit.FunctionEnvironment;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.StreamEventJson;
import dev.newsroom.testkit.StreamTap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The comment pages function on DynamoDB Local and S3Proxy: comments written to the comments table
 * as the comments function writes them, and their real stream records, in the event Lambda sends.
 */
@ExtendWith(LocalServicesExtension.class)
class CommentPagesIT {

    private final RelateWorld world;
    private final StreamTap comments;
    private final AtomicInteger pagePuts = new AtomicInteger();
    private final CommentPages pages;

    CommentPagesIT(Provisioned local) throws Exception {
        world = new RelateWorld(local);
        comments = StreamTap.of(local.services(), local.name("CommentsTable"));
        comments.read(r -> false);
        ExecutionInterceptor countPuts = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.key().endsWith(".html")) {
                    pagePuts.incrementAndGet();
                }
            }
        };
        Wiring wiring = Wiring.of(RelateConfig.from(new Env(environment(local))), local.services().s3(List.of(countPuts)),
                local.services().dynamoDb());
        pages = CommentPages.of(wiring, java.time.Clock.systemUTC());
    }

    private static Map<String, String> environment(Provisioned local) throws Exception {
        return FunctionEnvironment.resolve(CloudFormationTemplate.ofRepository(), "CommentPagesFunction", local.names(),
                Map.of("CDN_URL", "https://d111111abcdef8.cloudfront.net", "SITE_URL", "https://news.example.org", "AWS_REGION", "us-east-1"));
    }

    /** A comment as the comments function stores it, in the queue of its status. */
    private void store(String path, String id, String status, String body) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("slug", s(path), "commentId", s(id), "status", s(status),
                "name", s("Reader " + id.substring(id.length() - 2)), "body", s(body), "createdAt", s("2026-11-24T09:20:00Z"),
                "clientHash", s("c"), "emailHash", s("e"), "queue", s(status)));
        world.local.services().dynamoDb().putItem(r -> r.tableName(world.local.name("CommentsTable")).item(item));
    }

    private static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    private CommentPages.Result applyNewRecords(String path) {
        String event = StreamEventJson.of(comments.read(r -> r.dynamodb().keys().get("slug").s().equals(path)), "arn:local:comments");
        return pages.apply(StreamRecord.batch(Json.object(readJson(event))));
    }

    private static Object readJson(String text) {
        try {
            return Json.read(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Document page(String name) {
        return Jsoup.parse(world.articlePage(name).orElseThrow());
    }

    @Test
    void aBurstOfApprovalsWritesThePageOnceWithEveryComment() {
        world.publish("burst", 1, "city", "amara", "tram");
        world.relate();
        String path = world.path("burst");
        for (int i = 10; i < 20; i++) {
            store(path, "1795512000000-" + i, "pending", "Held words " + i);
        }
        for (int i = 10; i < 20; i++) {
            store(path, "1795512000000-" + i, "approved", "Held words " + i);
        }
        pagePuts.set(0);
        CommentPages.Result result = applyNewRecords(path);
        assertTrue(result.retry().isEmpty());
        assertEquals(1, result.pages());
        assertEquals(1, pagePuts.get(), "twenty records, one article: one page write");
        Document page = page("burst");
        assertEquals(10, page.select("#comment-list .comment-body").size());
        assertEquals("(10)", page.selectFirst(".comment-count").text());
        var counted = world.articles.find(path).orElseThrow();
        assertEquals(10, counted.comments(), "the count its teasers show, stored with the article");
        assertEquals(2, counted.version(), "as a new version, which the relate function lists again");

        world.relate();
        assertEquals("Comments (10)", Jsoup.parse(world.page("/").orElseThrow())
                .select(".teasers li").stream().filter(li -> li.selectFirst("a").attr("href").equals(path)).findFirst().orElseThrow()
                .selectFirst(".meta a[href$=#comments]").text(), "the home page's teaser says how many");
    }

    @Test
    void aCommentTakenOffThePageLeavesItAndOneNobodySeesRendersNothing() {
        world.publish("spam", 1, "city", "amara", "tram");
        world.relate();
        String path = world.path("spam");
        store(path, "1795512000000-01", "approved", "Fine words");
        store(path, "1795512000000-02", "approved", "Buy pills");
        applyNewRecords(path);
        assertEquals(List.of("Fine words", "Buy pills"), page("spam").select("#comment-list .comment-body").eachText());

        store(path, "1795512000000-02", "spam", "Buy pills");
        assertEquals(1, applyNewRecords(path).pages());
        assertEquals(List.of("Fine words"), page("spam").select("#comment-list .comment-body").eachText());
        assertEquals("(1)", page("spam").selectFirst(".comment-count").text());

        pagePuts.set(0);
        store(path, "1795512000000-03", "pending", "Waiting words");
        assertEquals(0, applyNewRecords(path).pages());
        assertEquals(0, pagePuts.get(), "a pending comment changes no page");
        assertFalse(page("spam").text().contains("Waiting words"));
    }

    @Test
    void takesTheSampleEventOfAnApprovalForAnArticleItDoesNotHave() throws Exception {
        var handler = new CommentPagesHandler(pages, dev.newsroom.core.logging.LogSettings.from(new Env(environment(world.local))));
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(CloudFormationTemplate.repositoryRoot()
                .resolve("events/dynamodb-comment-approved.json"))), out, LambdaContext.invocationOf("CommentPagesFunction", 60));
        assertEquals("{\"batchItemFailures\":[]}", out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(world.local.services().s3().listObjectsV2(r -> r.bucket(world.local.name("SiteBucket"))
                .prefix(SiteLayout.articleKey("/articles/harbour-bridge-reopens"))).contents().isEmpty(), "no page for an article that is not there");
    }
}

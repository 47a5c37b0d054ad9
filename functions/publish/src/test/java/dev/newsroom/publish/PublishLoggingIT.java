package dev.newsroom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import dev.newsroom.testkit.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One structured JSON line per event, with the request id and the article's path, and never the article's text. */
@ExtendWith(LocalServicesExtension.class)
class PublishLoggingIT {

    private static final String BODY_MARKER = "confidential-body-text-7Q2";

    private final PublishWorld world;

    PublishLoggingIT(Provisioned local) {
        world = new PublishWorld(local.services(), local.names());
    }

    @Test
    void logsOneJsonLinePerEventWithRequestIdAndArticle() throws Exception {
        String key = "articles/" + world.id + "-logged.md";
        String article = PublishWorld.article("Logged", "summary: " + BODY_MARKER) + BODY_MARKER + "\n";
        var event = world.upload(key, article);
        LambdaContext context = LambdaContext.invocationOf("publish", 30);

        List<JsonNode> lines = capture(() -> PublishWorld.handle(world.handler(), event, context));

        assertEquals(2, lines.size(), "the event's line, and its metric line: " + lines);
        JsonNode line = lines.get(1);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("published version 1", line.get("message").asText());
        assertEquals(context.awsRequestId(), line.get("function_request_id").asText());
        assertEquals("/articles/" + world.id + "-logged", line.get("article").asText());
        assertEquals(key, line.get("sourceKey").asText());
        assertTrue(line.get("durationMs").asLong() >= 0);
    }

    /** The embedded metric format's lines, which CloudWatch turns into the dashboard's and alarms' metrics. */
    @Test
    void countsArticlesPublishedAndUploadsRefusedAsMetrics() throws Exception {
        LambdaContext context = LambdaContext.invocationOf("publish", 30);
        var published = world.upload("articles/" + world.id + "-counted.md", PublishWorld.article("Counted", ""));
        var refused = world.upload("articles/" + world.id + "-refused.md", "---\ntitle: \n---\nNo title.\n");
        var draft = world.upload("articles/" + world.id + "-draft.md", PublishWorld.article("Draft", "draft: true"));

        JsonNode publishedLine = capture(() -> PublishWorld.handle(world.handler(), published, context)).get(0);
        JsonNode refusedLine = capture(() -> PublishWorld.handle(world.handler(), refused, context)).get(0);
        List<JsonNode> draftLines = capture(() -> PublishWorld.handle(world.handler(), draft, context));

        assertEquals(1, publishedLine.get("ArticlesPublished").asInt(), publishedLine::toString);
        assertEquals("ArticlesPublished", publishedLine.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Name").asText());
        assertEquals(context.awsRequestId(), publishedLine.get("function_request_id").asText());
        assertEquals(1, refusedLine.get("UploadsRefused").asInt(), refusedLine::toString);
        assertTrue(draftLines.stream().noneMatch(l -> l.has("_aws")), "a draft saved counts as neither");
    }

    @Test
    void failuresAreLoggedWithTheirReasonButNoContent_C10() throws Exception {
        String key = "articles/" + world.id + "-failing.md";
        var event = world.upload(key, PublishWorld.article("Failing", "summary: " + BODY_MARKER));

        List<JsonNode> lines = capture(() -> {
            try {
                world.handle(world.handlerThatCannotWritePages(), event);
            } catch (RuntimeException expected) {
                // the event is retried by Lambda
            }
        });

        JsonNode error = lines.stream().filter(l -> l.get("level").asText().equals("ERROR")).findFirst().orElseThrow();
        assertEquals("failed; the event will be retried", error.get("message").asText());
        assertTrue(error.get("reason").asText().startsWith("SdkClientException: injected crash"), error::toString);
        assertFalse(lines.toString().contains(BODY_MARKER));
    }

    private static List<JsonNode> capture(Runnable action) {
        LogCapture captured = LogCapture.of(action);
        assertFalse(captured.text().contains(BODY_MARKER), "article text must never be logged");
        return captured.lines();
    }
}

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

        assertEquals(1, lines.size(), lines::toString);
        JsonNode line = lines.get(0);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("published version 1", line.get("message").asText());
        assertEquals(context.awsRequestId(), line.get("function_request_id").asText());
        assertEquals("/articles/" + world.id + "-logged", line.get("article").asText());
        assertEquals(key, line.get("sourceKey").asText());
        assertTrue(line.get("durationMs").asLong() >= 0);
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

package dev.newsroom.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.core.config.ConfigurationException;
import dev.newsroom.core.config.Env;
import dev.newsroom.testkit.LambdaContext;
import dev.newsroom.testkit.LogCapture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The functions' log lines, as SLF4J hands them to our binding. */
class JsonLinesLoggerTest {

    private static final Logger OWN = LoggerFactory.getLogger("dev.newsroom.publish.PublishHandler");
    private static final Logger LIBRARY = LoggerFactory.getLogger("software.amazon.awssdk.request");

    @Test
    void writesOneLinePerEventWithTheInvocationAndKeyValues() throws Exception {
        var context = LambdaContext.invocationOf("publish", 30);
        List<JsonNode> lines = capture(() -> JsonLogs.during(new LogSettings("site", Level.INFO, "news-prod"), context, () -> {
            OWN.atInfo().addKeyValue("slug", "bridge").addKeyValue("durationMs", 12).log("published → {}", "v1");
            return null;
        }));
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("published → v1", line.get("message").asText());
        assertEquals("site", line.get("service").asText());
        assertEquals(context.awsRequestId(), line.get("function_request_id").asText());
        assertEquals("bridge", line.get("slug").asText());
        assertEquals(12, line.get("durationMs").asInt());
    }

    /**
     * CloudWatch's embedded metric format: the directive names each value beside the line's fields,
     * under the stack's dimension; written at any log level, since alarms watch the values.
     */
    @Test
    void writesMetricLinesInTheEmbeddedMetricFormatWhateverTheLevel() throws Exception {
        var context = LambdaContext.invocationOf("relate", 30);
        List<JsonNode> lines = capture(() -> JsonLogs.during(new LogSettings("site", Level.ERROR, "news-prod"), context, () -> {
            EmbeddedMetrics.record("batch", new EmbeddedMetrics.Metrics(Map.of(
                    "PagesWritten", EmbeddedMetrics.Value.count(7), "StreamLagSeconds", EmbeddedMetrics.Value.seconds(1.5))));
            return null;
        }));
        JsonNode line = lines.get(0);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Newsroom", directive.get("Namespace").asText());
        assertEquals("[[\"Stack\"]]", directive.get("Dimensions").toString());
        Map<String, String> units = new java.util.HashMap<>();
        directive.get("Metrics").forEach(m -> units.put(m.get("Name").asText(), m.get("Unit").asText()));
        assertEquals(Map.of("PagesWritten", "Count", "StreamLagSeconds", "Seconds"), units);
        assertEquals("news-prod", line.get("Stack").asText());
        assertEquals(7, line.get("PagesWritten").asInt());
        assertEquals(1.5, line.get("StreamLagSeconds").asDouble());
        assertEquals(context.awsRequestId(), line.get("function_request_id").asText());
        assertTrue(line.get("_aws").get("Timestamp").asLong() > 0);
    }

    @Test
    void keepsLibrariesToWarningsAndFollowsTheLevel() throws Exception {
        List<JsonNode> lines = capture(() -> JsonLogs.during(LogSettings.from(new Env(Map.of("LOG_LEVEL", "warn"))), null, () -> {
            OWN.info("not at WARN");
            LIBRARY.info("never from a library");
            LIBRARY.warn("slow response");
            OWN.error("failed", new IllegalStateException("boom"));
            return null;
        }));
        assertEquals(List.of("slow response", "failed"), lines.stream().map(l -> l.get("message").asText()).toList());
        assertEquals("java.lang.IllegalStateException: boom", lines.get(1).get("error").asText());
        assertFalse(lines.get(0).has("function_request_id"), "no context, no invocation fields");
    }

    @Test
    void writesValuesOtherThanScalarsAsTheirText() throws Exception {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        List<JsonNode> lines = capture(() -> OWN.atInfo().addKeyValue("at", at).log("stored"));
        assertEquals(at.toString(), lines.get(0).get("at").asText());
    }

    @Test
    void namesAWrongLogLevel_H11() {
        var e = assertThrows(ConfigurationException.class, () -> LogSettings.from(new Env(Map.of("LOG_LEVEL", "WARNING"))));
        assertEquals("LOG_LEVEL is WARNING; it must be one of ERROR, WARN, INFO, DEBUG or TRACE", e.getMessage());
    }

    @Test
    void marksOnlyTheFirstInvocationAsTheColdStart() throws Exception {
        List<JsonNode> lines = capture(() -> {
            for (int i = 0; i < 2; i++) {
                JsonLogs.during(LogSettings.DEFAULT, LambdaContext.invocationOf("relate", 30), () -> {
                    OWN.info("handled");
                    return null;
                });
            }
        });
        assertTrue(lines.stream().filter(l -> l.get("cold_start").asBoolean()).count() <= 1, lines::toString);
        assertFalse(lines.get(1).get("cold_start").asBoolean());
    }

    private static List<JsonNode> capture(Runnable action) {
        return LogCapture.of(action).lines();
    }
}

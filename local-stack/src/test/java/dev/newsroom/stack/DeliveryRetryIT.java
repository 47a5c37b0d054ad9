package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asynchronous delivery as Lambda does it for S3: a failing handler is retried twice, then the event is kept. */
class DeliveryRetryIT {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private S3Notifications notifications(String name, int failFirst) {
        var function = new LocalFunction(name, FlakyHandler.class.getName(), Map.of("NAME", name, "FAIL_FIRST", Integer.toString(failFirst)), 30);
        var rule = new NotificationRule(name, "Everything", "bucket", List.of("s3:ObjectCreated:*"), "", "");
        return new S3Notifications(List.of(rule), Map.of(name, function),
                new AsyncInvocations(executor, dataDir.resolve("failed-events"), Clock.systemUTC()), "us-east-1", Clock.systemUTC());
    }

    @Test
    void retriesAFailingHandlerUntilItSucceeds() {
        notifications("twice-failing", 2).notify(new ObjectChange("bucket", "a b.md", "ObjectCreated:Put", 1, "e", "01"));
        await().atMost(Duration.ofSeconds(15)).until(() -> FlakyHandler.HANDLED.containsKey("twice-failing"));
        assertEquals(List.of("a b.md"), FlakyHandler.HANDLED.get("twice-failing"));
        assertEquals(3, FlakyHandler.ATTEMPTS.get("twice-failing").size());
        assertEquals(3, FlakyHandler.ATTEMPTS.get("twice-failing").stream().distinct().count(), "a request id per attempt");
    }

    @Test
    void keepsTheEventAfterTheLastRetry() throws Exception {
        notifications("always-failing", 99).notify(new ObjectChange("bucket", "kept.md", "ObjectCreated:Put", 1, "e", "02"));
        Path kept = dataDir.resolve("failed-events").resolve("always-failing");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.isDirectory(kept) && Files.list(kept).findAny().isPresent());
        assertEquals(AsyncInvocations.ATTEMPTS, FlakyHandler.ATTEMPTS.get("always-failing").size());
        try (Stream<Path> files = Files.list(kept)) {
            JsonNode event = LocalJson.mapper().readTree(files.findFirst().orElseThrow().toFile());
            assertEquals("kept.md", event.at("/Records/0/s3/object/key").asText());
        }
        assertTrue(!FlakyHandler.HANDLED.containsKey("always-failing"));
    }

    @Test
    void eventsThatMatchNoRuleGoNowhere() throws Exception {
        notifications("unmatched", 0).notify(new ObjectChange("other-bucket", "x.md", "ObjectCreated:Put", 1, "e", "03"));
        executor.shutdown();
        assertTrue(executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(!FlakyHandler.ATTEMPTS.containsKey("unmatched"));
    }
}

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asynchronous delivery as Lambda does it for S3: a failing handler is retried twice, then the event
 * is kept; the queue outlives the process, and kept events can be redriven.
 */
class DeliveryRetryIT {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private AsyncInvocations invocations;

    @BeforeEach
    void queue() {
        invocations = new AsyncInvocations(executor, dataDir, Clock.systemUTC());
    }

    private static LocalFunction flaky(String name, int failFirst) {
        return new LocalFunction(name, FlakyHandler.class.getName(), Map.of("NAME", name, "FAIL_FIRST", Integer.toString(failFirst)), 30);
    }

    private S3Notifications notifications(String name, int failFirst) {
        var rule = new NotificationRule(name, "Everything", "bucket", List.of("s3:ObjectCreated:*"), "", "");
        return new S3Notifications(List.of(rule), Map.of(name, flaky(name, failFirst)), invocations, "us-east-1", Clock.systemUTC());
    }

    private long queued(String function) throws Exception {
        Path folder = dataDir.resolve(AsyncInvocations.QUEUE).resolve(function);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
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
        assertEquals(0, queued("always-failing"), "kept, so no longer queued");
    }

    @Test
    void anEventQueuedWhenTheStackWasKilledIsDeliveredWhenItStartsAgain_A16() throws Exception {
        // What a stack killed mid-burst leaves: the event written to its function's queue, never delivered.
        Path queue = Files.createDirectories(dataDir.resolve(AsyncInvocations.QUEUE).resolve("restarted"));
        String event = Files.readString(Path.of(System.getProperty("newsroom.root"), "events", "s3-put.json"));
        Files.writeString(queue.resolve("1-1-1.json"), event);
        invocations.resumeQueued(Map.of("restarted", flaky("restarted", 0)));
        await().atMost(Duration.ofSeconds(15)).until(() -> FlakyHandler.HANDLED.containsKey("restarted"));
        assertEquals(1, FlakyHandler.HANDLED.get("restarted").size());
        await().atMost(Duration.ofSeconds(5)).until(() -> queued("restarted") == 0);
        // Later looks at the queue, one a second, deliver nothing twice.
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
                .until(() -> FlakyHandler.ATTEMPTS.get("restarted").size() == 1);
    }

    @Test
    void aRedrivenEventIsDeliveredOnceTheFaultHasCleared_A17() throws Exception {
        // Fails its three attempts (the fault), then works: the redriven event's fourth attempt succeeds.
        var function = flaky("redriven", AsyncInvocations.ATTEMPTS);
        invocations.resumeQueued(Map.of("redriven", function));
        invocations.invoke(function, Files.readString(Path.of(System.getProperty("newsroom.root"), "events", "s3-put.json")), "redriven");
        Path kept = dataDir.resolve(FailedEvents.FOLDER).resolve("redriven");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.isDirectory(kept) && Files.list(kept).findAny().isPresent());
        assertTrue(!FlakyHandler.HANDLED.containsKey("redriven"));

        assertEquals(Map.of("redriven", 1), FailedEvents.redrive(dataDir));
        await().atMost(Duration.ofSeconds(15)).until(() -> FlakyHandler.HANDLED.containsKey("redriven"));
        assertEquals(AsyncInvocations.ATTEMPTS + 1, FlakyHandler.ATTEMPTS.get("redriven").size());
        try (Stream<Path> left = Files.list(kept)) {
            assertEquals(0, left.count(), "the failure destination is empty once redriven");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> queued("redriven") == 0);
        assertEquals(Map.of(), FailedEvents.redrive(dataDir), "nothing is redriven twice");
    }

    @Test
    void eventsThatMatchNoRuleGoNowhere() throws Exception {
        notifications("unmatched", 0).notify(new ObjectChange("other-bucket", "x.md", "ObjectCreated:Put", 1, "e", "03"));
        executor.shutdown();
        assertTrue(executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(!FlakyHandler.ATTEMPTS.containsKey("unmatched"));
    }
}

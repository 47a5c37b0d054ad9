package dev.newsroom.stack;

import static dev.newsroom.stack.StreamPumps.batches;
import static dev.newsroom.stack.StreamPumps.delivered;
import static dev.newsroom.stack.StreamPumps.id;
import static dev.newsroom.stack.StreamPumps.ids;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.LocalJson;
import dev.newsroom.testkit.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream event source mapping against DynamoDB Local's real stream. */
class StreamPumpIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static LocalServices aws;

    @TempDir
    Path dataDir;

    private StreamPumps streams;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalServices.start(Optional.empty());
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    @BeforeEach
    void streams() {
        streams = new StreamPumps(aws, dataDir);
    }

    /** A table with a stream and ten items written, r01 to r10; returns its stream ARN. */
    private String tableWithTenWrites(String table) {
        String arn = streams.tableWithStream(table);
        streams.write(table, IntStream.rangeClosed(1, 10));
        return arn;
    }

    private StreamPump pump(String name, String streamArn, int maxRetries, Map<String, String> behaviour) {
        return pump(name, name, streamArn, maxRetries, behaviour);
    }

    /** A mapping for function {@code functionId} (which names its checkpoint) whose handler records as {@code recorder}. */
    private StreamPump pump(String functionId, String recorder, String streamArn, int maxRetries, Map<String, String> behaviour) {
        return streams.start(StreamPumps.source(functionId, 100, Duration.ZERO, maxRetries), streamArn, recorder, behaviour);
    }

    @Test
    void retriesFromTheFirstReportedFailure_A6() throws Exception {
        String arn = tableWithTenWrites("PartialFailure");
        try (StreamPump pump = pump("partial", arn, -1, Map.of("FAIL_ID", "r04", "FAIL_TIMES", "1"))) {
            await().atMost(DEADLINE).until(() -> batches("partial").size() >= 2);
        }
        assertEquals(List.of(ids(1, 10), ids(4, 10)), batches("partial"));
    }

    @Test
    void retriesTheWholeBatchWhenTheHandlerThrows() throws Exception {
        String arn = tableWithTenWrites("Throwing");
        try (StreamPump pump = pump("throwing", arn, -1, Map.of("THROW_FIRST", "yes"))) {
            await().atMost(DEADLINE).until(() -> batches("throwing").size() >= 2);
        }
        assertEquals(List.of(ids(1, 10), ids(1, 10)), batches("throwing"));
    }

    @Test
    void aFailureNamingNoRecordFailsTheWholeBatch() throws Exception {
        String arn = tableWithTenWrites("Blank");
        try (StreamPump pump = pump("blank", arn, -1, Map.of("BLANK_FAILURE", "yes"))) {
            await().atMost(DEADLINE).until(() -> batches("blank").size() >= 2);
        }
        assertEquals(List.of(ids(1, 10), ids(1, 10)), batches("blank"));
    }

    @Test
    void awaitsEveryRecordWrittenBeforeTheCall() throws Exception {
        String arn = tableWithTenWrites("Awaited");
        try (StreamPump pump = pump("awaited", arn, -1, Map.of())) {
            pump.awaitDelivered(DEADLINE);
            assertEquals(ids(1, 10), delivered("awaited"));
            streams.write("Awaited", IntStream.rangeClosed(11, 12));
            pump.awaitDelivered(DEADLINE);
            assertEquals(ids(1, 12), delivered("awaited"));
        }
    }

    @Test
    void resumesAfterARestartWithoutRedelivering() throws Exception {
        String arn = tableWithTenWrites("Resume");
        try (StreamPump pump = pump("resume", "resume-1", arn, -1, Map.of())) {
            await().atMost(DEADLINE).until(() -> batches("resume-1").size() >= 1);
        }
        streams.write("Resume", IntStream.rangeClosed(11, 13));
        try (StreamPump pump = pump("resume", "resume-2", arn, -1, Map.of())) {
            await().atMost(DEADLINE).until(() -> batches("resume-2").size() >= 1);
        }
        assertEquals(List.of(ids(1, 10)), batches("resume-1"));
        assertEquals(List.of(ids(11, 13)), batches("resume-2"));
    }

    @Test
    void keepsABatchThatExhaustsItsRetriesAndMovesOn_A5() throws Exception {
        String arn = tableWithTenWrites("Exhausted");
        try (StreamPump pump = pump("exhausted", arn, 1, Map.of("FAIL_ID", "r04", "FAIL_TIMES", "99"))) {
            await().atMost(DEADLINE).until(() -> batches("exhausted").size() >= 2);
            streams.write("Exhausted", IntStream.rangeClosed(11, 11));
            await().atMost(DEADLINE).until(() -> batches("exhausted").size() >= 3);
        }
        assertEquals(List.of(ids(1, 10), ids(4, 10), ids(11, 11)), batches("exhausted"));
        Path kept = dataDir.resolve("failed-events").resolve("exhausted");
        try (Stream<Path> files = Files.list(kept)) {
            JsonNode event = LocalJson.mapper().readTree(files.findFirst().orElseThrow().toFile());
            assertEquals(7, event.get("Records").size());
            assertEquals("r04", event.at("/Records/0/dynamodb/Keys/id/S").asText());
            assertTrue(event.at("/Records/0/dynamodb/NewImage/n/N").asText().equals("4"));
        }
    }

    /**
     * The stream mapping batches as Lambda does, against DynamoDB Local's real stream: a burst is
     * gathered into batches of {@code BatchSize}, a lone write goes once the batching window has
     * passed, and a failed record is retried from itself while the shard waits. The window is long
     * where a test needs batches cut only when full, so that no timing splits them.
     */
    @Nested
    class Batching {

        /** Longer than any test takes: a batch cut before it is full would show. */
        private static final Duration LONG_WINDOW = Duration.ofMinutes(5);

        @Test
        void gathersABurstIntoFullBatchesInStreamOrder() throws Exception {
            String arn = streams.tableWithStream("Burst");
            List<String> written = new ArrayList<>();
            var source = StreamPumps.source("burst", 10, LONG_WINDOW, -1);
            try (StreamPump pump = streams.start(source, arn, "burst", Map.of())) {
                // Ten articles, each changed four times, while the mapping reads.
                for (int version = 1; version <= 4; version++) {
                    for (int article = 1; article <= 10; article++) {
                        streams.write("Burst", article, version);
                        written.add(id(article));
                    }
                }
                pump.awaitDelivered(DEADLINE);
            }
            assertEquals(Collections.nCopies(4, ids(1, 10)), batches("burst"), "four batches of BatchSize");
            assertEquals(written, delivered("burst"), "each article's changes in the order they were written");
        }

        @Test
        void aLoneWriteIsDeliveredOnceTheWindowHasPassed() throws Exception {
            String arn = streams.tableWithStream("Lone");
            try (StreamPump pump = streams.start(StreamPumps.source("lone", 100, Duration.ofSeconds(1), -1), arn, "lone", Map.of())) {
                streams.write("Lone", IntStream.of(1));
                pump.awaitDelivered(DEADLINE);
                assertEquals(List.of(ids(1, 1)), batches("lone"), "no waiting for a full batch");
            }
        }

        @Test
        void aFailedRecordIsRetriedFromItselfWithTheRecordsBeforeItCheckpointed_A6() throws Exception {
            String arn = streams.tableWithStream("Failing");
            streams.write("Failing", IntStream.rangeClosed(1, 20));
            var failing = StreamPumps.source("failing", 10, LONG_WINDOW, -1);
            try (StreamPump pump = streams.start(failing, arn, "failing-1", Map.of("FAIL_ID", "r04", "FAIL_TIMES", "99"))) {
                await().atMost(DEADLINE).until(() -> batches("failing-1").size() >= 3);
            }
            List<List<String>> tries = batches("failing-1");
            assertEquals(ids(1, 10), tries.get(0));
            assertEquals(Collections.nCopies(tries.size() - 1, ids(4, 10)), tries.subList(1, tries.size()),
                    "the retries hold the failed record and those after it in the batch, and the shard waits for them");

            var restarted = StreamPumps.source("failing", 10, Duration.ZERO, -1);
            try (StreamPump pump = streams.start(restarted, arn, "failing-2", Map.of())) {
                await().atMost(DEADLINE).until(() -> delivered("failing-2").contains("r20"));
            }
            assertEquals(ids(4, 20), delivered("failing-2"), "r01 to r03 were checkpointed and are not delivered again");
        }
    }
}

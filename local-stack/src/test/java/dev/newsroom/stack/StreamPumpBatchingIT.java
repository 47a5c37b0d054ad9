package dev.newsroom.stack;

import static dev.newsroom.stack.StreamPumps.batches;
import static dev.newsroom.stack.StreamPumps.delivered;
import static dev.newsroom.stack.StreamPumps.id;
import static dev.newsroom.stack.StreamPumps.ids;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsroom.testkit.LocalServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream mapping batches as Lambda does, against DynamoDB Local's real stream: a burst is
 * gathered into batches of {@code BatchSize}, a lone write goes once the batching window has
 * passed, and a failed record is retried from itself while the shard waits. The window is long
 * where a test needs batches cut only when full, so that no timing splits them.
 */
class StreamPumpBatchingIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    /** Longer than any test takes: a batch cut before it is full would show. */
    private static final Duration LONG_WINDOW = Duration.ofMinutes(5);
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

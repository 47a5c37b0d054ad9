package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** When the local stream mapping cuts a batch, as Lambda's does; times are given, nothing sleeps. */
class ShardBufferTest {

    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final long LIMIT = 1_000;

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    private static ShardBuffer<String> buffer(int batchSize, Duration window) {
        return new ShardBuffer<>(batchSize, window, LIMIT, 3);
    }

    private static void add(ShardBuffer<String> buffer, long atMs, String... records) {
        for (String record : records) {
            buffer.add(record, 10, ms(atMs));
        }
    }

    @Test
    void aFullBatchIsCutAtOnce() {
        ShardBuffer<String> buffer = buffer(3, WINDOW);
        add(buffer, 0, "a", "b", "c", "d");
        assertEquals(Optional.of(List.of("a", "b", "c")), buffer.takeBatch(ms(0), false));
        assertEquals(1, buffer.size());
    }

    @Test
    void aSmallerBatchWaitsForTheWindowFromItsFirstRecord() {
        ShardBuffer<String> buffer = buffer(3, WINDOW);
        add(buffer, 0, "a");
        add(buffer, 900, "b");
        assertEquals(OptionalLong.of(ms(1_000)), buffer.windowEndsAt());
        assertEquals(Optional.empty(), buffer.takeBatch(ms(999), false));
        assertEquals(Optional.of(List.of("a", "b")), buffer.takeBatch(ms(1_000), false));
        assertTrue(buffer.isEmpty());
        assertEquals(OptionalLong.empty(), buffer.windowEndsAt());
    }

    @Test
    void withoutAWindowWhateverWasReadGoesAtOnce() {
        ShardBuffer<String> buffer = buffer(3, Duration.ZERO);
        add(buffer, 0, "a");
        assertEquals(Optional.of(List.of("a")), buffer.takeBatch(ms(0), false));
    }

    @Test
    void theNextBatchsWindowStartsWithItsOwnFirstRecord() {
        ShardBuffer<String> buffer = buffer(2, WINDOW);
        add(buffer, 0, "a", "b");
        add(buffer, 2_000, "c");
        assertEquals(Optional.of(List.of("a", "b")), buffer.takeBatch(ms(2_500), false));
        assertEquals(Optional.empty(), buffer.takeBatch(ms(2_500), false));
        assertEquals(Optional.of(List.of("c")), buffer.takeBatch(ms(3_000), false));
    }

    @Test
    void aBatchIsCutBeforeTheNextRecordWouldPassThePayloadLimit() {
        ShardBuffer<String> buffer = buffer(10, WINDOW);
        buffer.add("a", 400, ms(0));
        buffer.add("b", 500, ms(0));
        buffer.add("c", 200, ms(0));
        assertEquals(Optional.of(List.of("a", "b")), buffer.takeBatch(ms(0), false), "the payload is full: no waiting");
        assertEquals(Optional.empty(), buffer.takeBatch(ms(0), false));
    }

    @Test
    void aRecordOverThePayloadLimitStillGoesAlone() {
        ShardBuffer<String> buffer = buffer(10, WINDOW);
        buffer.add("huge", LIMIT + 1, ms(0));
        buffer.add("b", 10, ms(0));
        assertEquals(Optional.of(List.of("huge")), buffer.takeBatch(ms(0), false));
    }

    @Test
    void anEndedShardIsCutWithoutWaitingForTheWindow() {
        ShardBuffer<String> buffer = buffer(3, WINDOW);
        add(buffer, 0, "a");
        assertEquals(Optional.of(List.of("a")), buffer.takeBatch(ms(0), true));
    }

    @Test
    void batchesKeepStreamOrder() {
        ShardBuffer<String> buffer = buffer(3, WINDOW);
        add(buffer, 0, "1", "2", "3", "4", "5", "6", "7");
        assertEquals(Optional.of(List.of("1", "2", "3")), buffer.takeBatch(ms(0), false));
        assertEquals(Optional.of(List.of("4", "5", "6")), buffer.takeBatch(ms(0), false));
        assertEquals(Optional.of(List.of("7")), buffer.takeBatch(ms(1_000), false));
    }

    @Test
    void readsAheadAtMostItsBatchesInRecords() {
        ShardBuffer<String> buffer = buffer(2, WINDOW);
        assertEquals(6, buffer.room());
        add(buffer, 0, "a", "b", "c", "d");
        assertEquals(2, buffer.room());
        add(buffer, 0, "e", "f", "g");
        assertEquals(0, buffer.room());
        buffer.takeBatch(ms(0), false);
        assertEquals(1, buffer.room());
    }

    @Test
    void readsAheadAtMostItsBatchesInPayload() {
        ShardBuffer<String> buffer = buffer(100, WINDOW);
        buffer.add("a", 3 * LIMIT - 1, ms(0));
        assertEquals(299, buffer.room());
        buffer.add("b", 1, ms(0));
        assertEquals(0, buffer.room());
    }
}

package dev.newsroom.stack;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The records read from one shard and not yet handed to the function, in stream order, and when to
 * cut a batch from them, as Lambda's event source mapping does: once it holds {@code BatchSize}
 * records, once the next record would take its event past Lambda's payload limit, once the
 * batching window has passed since its first record was read, or once the shard has ended. It
 * also bounds how far ahead of the function the shard is read. Pure: times are passed in, as
 * {@link System#nanoTime()} values.
 *
 * @param <R> a stream record
 */
final class ShardBuffer<R> {

    private record Entry<R>(R record, long eventBytes, long readAtNanos) {
    }

    private final int batchSize;
    private final long windowNanos;
    private final long maxPayloadBytes;
    private final int readAheadRecords;
    private final long readAheadBytes;
    private final Deque<Entry<R>> entries = new ArrayDeque<>();
    private long bytes;

    /**
     * @param maxPayloadBytes what a batch's event may weigh at most
     * @param readAheadBatches how many full batches the buffer may hold before reading stops
     */
    ShardBuffer(int batchSize, Duration window, long maxPayloadBytes, int readAheadBatches) {
        this.batchSize = batchSize;
        this.windowNanos = window.toNanos();
        this.maxPayloadBytes = maxPayloadBytes;
        this.readAheadRecords = batchSize * readAheadBatches;
        this.readAheadBytes = maxPayloadBytes * readAheadBatches;
    }

    /**
     * Adds a record read from the shard, after those read before it.
     *
     * @param eventBytes what the record adds to a batch's event, or more
     */
    void add(R record, long eventBytes, long readAtNanos) {
        entries.addLast(new Entry<>(record, eventBytes, readAtNanos));
        bytes += eventBytes;
    }

    /** How many more records the shard may be read for; zero once the buffer holds its read-ahead. */
    int room() {
        return bytes >= readAheadBytes ? 0 : Math.max(0, readAheadRecords - entries.size());
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** When the batching window will cut the next batch, if nothing cuts it sooner; empty if there is nothing to cut. */
    OptionalLong windowEndsAt() {
        return entries.isEmpty() ? OptionalLong.empty() : OptionalLong.of(entries.peekFirst().readAtNanos() + windowNanos);
    }

    /**
     * Removes and returns the next batch, oldest record first, if one is due at {@code nowNanos}.
     * A batch always takes at least one record, whatever it weighs.
     *
     * @param shardEnded the shard has no more records to read, so nothing is worth waiting for
     */
    Optional<List<R>> takeBatch(long nowNanos, boolean shardEnded) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        int count = 0;
        long payload = 0;
        for (Entry<R> entry : entries) {
            if (count == batchSize || (count > 0 && payload + entry.eventBytes() > maxPayloadBytes)) {
                break;
            }
            count++;
            payload += entry.eventBytes();
        }
        boolean full = count < entries.size() || count == batchSize;
        boolean windowPassed = nowNanos - entries.peekFirst().readAtNanos() >= windowNanos;
        if (!full && !windowPassed && !shardEnded) {
            return Optional.empty();
        }
        List<R> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(entries.removeFirst().record());
        }
        bytes -= payload;
        return Optional.of(batch);
    }
}

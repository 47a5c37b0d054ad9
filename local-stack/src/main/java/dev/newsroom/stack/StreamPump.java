package dev.newsroom.stack;

import dev.newsroom.testkit.LocalJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.testkit.StreamEventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB stream event source mapping, as Lambda runs one: it reads the table's stream through
 * the Streams API, shard by shard (a child after its parent), hands batches to the function in
 * order, and checkpoints what succeeded, in the data directory so a restart resumes where it
 * stopped. A batch whose handler throws is retried whole; with {@code ReportBatchItemFailures}, a
 * batch is retried from the first record the handler names (an empty or unknown name fails the
 * whole batch). Retries back off; after {@code MaximumRetryAttempts} the batch is kept in
 * {@code failed-events/}, the on-failure destination. Records of one shard, and so of one key,
 * are never reordered.
 */
final class StreamPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPump.class);
    private static final long IDLE_POLL_MS = 250;
    private static final long MAX_BACKOFF_MS = 8_000;

    private final StreamSource source;
    private final LocalFunction function;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Path checkpointFile;
    private final Path failedEvents;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Map<String, String> checkpoints = new HashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private final Map<String, String> iterators = new HashMap<>();
    private final Thread thread;
    private long emptyPolls;   // guarded by this: passes over every shard that found nothing to deliver

    StreamPump(StreamSource source, LocalFunction function, DynamoDbStreamsClient streams, String streamArn,
               Path checkpointDir, Path failedEvents) {
        this.source = source;
        this.function = function;
        this.streams = streams;
        this.streamArn = streamArn;
        this.checkpointFile = checkpointDir.resolve(source.functionId() + "-" + source.eventId() + ".json");
        this.failedEvents = failedEvents;
        readCheckpoints();
        this.thread = new Thread(this::run, "stream-" + source.functionId());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits until a pass over every shard that began after this call found nothing to deliver: by
     * then every record written before the call has been handled.
     */
    synchronized void awaitDelivered(Duration timeout) throws InterruptedException, TimeoutException {
        long wanted = emptyPolls + 2;   // the pass under way may have begun before the call
        long deadline = System.nanoTime() + timeout.toNanos();
        while (emptyPolls < wanted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(source.functionId() + " stream: records still undelivered after " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void countEmptyPoll() {
        emptyPolls++;
        notifyAll();
    }

    private void run() {
        while (stop.getCount() > 0) {
            try {
                boolean delivered = false;
                for (Shard shard : readyShards()) {
                    delivered |= pollShard(shard);
                }
                if (!delivered) {
                    countEmptyPoll();
                    waitMs(IDLE_POLL_MS);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} stream: {}: {}; polling again", source.functionId(), e.getClass().getSimpleName(), e.getMessage());
                waitMs(IDLE_POLL_MS);
            }
        }
    }

    /** Open shards whose parent, if the stream still has it, has been read to its end. */
    private List<Shard> readyShards() {
        List<Shard> shards = new ArrayList<>();
        String exclusiveStart = null;
        do {
            String from = exclusiveStart;
            var description = streams.describeStream(r -> {
                r.streamArn(streamArn);
                if (from != null) {
                    r.exclusiveStartShardId(from);
                }
            }).streamDescription();
            shards.addAll(description.shards());
            exclusiveStart = description.lastEvaluatedShardId();
        } while (exclusiveStart != null);
        Set<String> present = new HashSet<>();
        shards.forEach(s -> present.add(s.shardId()));
        return shards.stream()
                .filter(s -> !finishedShards.contains(s.shardId()))
                .filter(s -> s.parentShardId() == null || !present.contains(s.parentShardId())
                        || finishedShards.contains(s.parentShardId()))
                .toList();
    }

    /** Reads one batch from the shard and delivers it; true if there were records. */
    private boolean pollShard(Shard shard) {
        String iterator = iterators.computeIfAbsent(shard.shardId(), this::iterator);
        var response = getRecords(shard.shardId(), iterator);
        List<Record> records = response.records();
        if (!records.isEmpty()) {
            deliver(shard.shardId(), records);
        }
        if (response.nextShardIterator() == null) {
            finishedShards.add(shard.shardId());
            iterators.remove(shard.shardId());
            writeCheckpoints();
        } else {
            iterators.put(shard.shardId(), response.nextShardIterator());
        }
        return !records.isEmpty();
    }

    private software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse getRecords(String shardId, String iterator) {
        try {
            return streams.getRecords(r -> r.shardIterator(iterator).limit(source.batchSize()));
        } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
            String fresh = iterator(shardId);
            return streams.getRecords(r -> r.shardIterator(fresh).limit(source.batchSize()));
        }
    }

    private String iterator(String shardId) {
        String after = checkpoints.get(shardId);
        return streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after != null) {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            } else {
                r.shardIteratorType(ShardIteratorType.fromValue(source.startingPosition()));
            }
        }).shardIterator();
    }

    /** Delivers until the whole batch has succeeded or its retries are spent; blocks the shard meanwhile. */
    private void deliver(String shardId, List<Record> batch) {
        List<Record> pending = batch;
        for (int retries = 0; stop.getCount() > 0; retries++) {
            long start = System.nanoTime();
            int firstFailed;
            String reason;
            try {
                String answer = function.invoke(StreamEventJson.of(pending, streamArn));
                firstFailed = firstFailure(pending, answer);
                reason = firstFailed < 0 ? null : "the handler reported record " + sequence(pending.get(firstFailed)) + " failed";
            } catch (RuntimeException e) {
                firstFailed = 0;
                reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (firstFailed < 0) {
                checkpoint(shardId, pending.get(pending.size() - 1));
                LOG.info("{} stream batch of {} → done in {} ms", source.functionId(), pending.size(), ms);
                return;
            }
            if (firstFailed > 0) {
                checkpoint(shardId, pending.get(firstFailed - 1));
                pending = pending.subList(firstFailed, pending.size());
            }
            if (source.maximumRetryAttempts() >= 0 && retries >= source.maximumRetryAttempts()) {
                LOG.error("{} stream batch of {} → gave up after {} retries ({}); kept in {}", source.functionId(),
                        pending.size(), retries, reason, keep(pending));
                checkpoint(shardId, pending.get(pending.size() - 1));
                return;
            }
            long backoff = Math.min(MAX_BACKOFF_MS, 500L << Math.min(retries, 4));
            LOG.warn("{} stream batch of {} → failed in {} ms ({}); retrying {} record(s) from {} in {} ms",
                    source.functionId(), batch.size(), ms, reason, pending.size(), sequence(pending.get(0)), backoff);
            waitMs(backoff);
        }
    }

    /**
     * The index of the first record to retry, or -1 if the batch succeeded. Without
     * ReportBatchItemFailures any answer means success; with it, a failure naming no record of
     * the batch fails the whole batch.
     */
    private int firstFailure(List<Record> batch, String answer) {
        if (!source.reportBatchItemFailures() || answer == null) {
            return -1;
        }
        JsonNode failures = readJson(answer).path("batchItemFailures");
        if (!failures.isArray() || failures.isEmpty()) {
            return -1;
        }
        int first = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (sequence(batch.get(i)).equals(id)) {
                    index = i;
                }
            }
            if (index < 0) {
                return 0;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private static JsonNode readJson(String text) {
        try {
            return LocalJson.mapper().readTree(text);
        } catch (IOException e) {
            return LocalJson.mapper().createObjectNode();
        }
    }

    private static String sequence(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    private void checkpoint(String shardId, Record record) {
        checkpoints.put(shardId, sequence(record));
        writeCheckpoints();
    }

    private void readCheckpoints() {
        if (!Files.exists(checkpointFile)) {
            return;
        }
        try {
            JsonNode saved = LocalJson.mapper().readTree(checkpointFile.toFile());
            if (saved.path("streamArn").asText().equals(streamArn)) {
                saved.path("checkpoints").fields().forEachRemaining(e -> checkpoints.put(e.getKey(), e.getValue().asText()));
                saved.path("finished").forEach(s -> finishedShards.add(s.asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCheckpoints() {
        ObjectNode saved = LocalJson.mapper().createObjectNode();
        saved.put("streamArn", streamArn);
        ObjectNode positions = saved.putObject("checkpoints");
        checkpoints.forEach(positions::put);
        finishedShards.forEach(saved.putArray("finished")::add);
        try {
            Files.createDirectories(checkpointFile.getParent());
            Path temporary = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
            Files.writeString(temporary, saved.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, checkpointFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path keep(List<Record> records) {
        try {
            Path dir = Files.createDirectories(failedEvents.resolve(source.functionId()));
            return Files.writeString(dir.resolve("stream-" + sequence(records.get(0)) + ".json"),
                    StreamEventJson.of(records, streamArn), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitMs(long ms) {
        try {
            stop.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join(10_000);
    }
}

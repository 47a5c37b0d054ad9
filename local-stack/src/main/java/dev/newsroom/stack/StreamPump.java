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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB stream event source mapping, as Lambda runs one: it reads the table's stream through
 * the Streams API, shard by shard (a child after its parent), hands batches to the function in
 * order, and checkpoints what succeeded, in the data directory so a restart resumes where it
 * stopped. Batches are cut as Lambda cuts them ({@link ShardBuffer}): at {@code BatchSize}
 * records, at Lambda's payload limit, once {@code MaximumBatchingWindowInSeconds} has passed since
 * the batch's first record was read, or at the shard's end. While the function handles a batch, a
 * reader thread reads ahead, so the next batch is ready when it returns. A batch whose handler
 * throws is retried whole; with {@code ReportBatchItemFailures}, a batch is retried from the first
 * record the handler names (an empty or unknown name fails the whole batch). Retries back off;
 * after {@code MaximumRetryAttempts} the batch is kept in {@code failed-events/}, the on-failure
 * destination. Records of one shard, and so of one key, are never reordered. While records wait,
 * the console says how many, and when the function should have caught up ({@link Backlog}).
 */
final class StreamPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPump.class);
    private static final long IDLE_POLL_MS = 250;
    private static final long MAX_BACKOFF_MS = 8_000;
    /** Lambda's limit on a synchronous invocation's payload, which a batch's event stays within. */
    private static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** The most records one GetRecords call returns. */
    private static final int MAX_RECORDS_PER_READ = 1_000;
    /** How many batches a shard is read ahead of the function. */
    private static final int READ_AHEAD_BATCHES = 10;

    private final StreamSource source;
    private final LocalFunction function;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Path checkpointFile;
    private final Path failedEvents;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread reader;
    private final Thread deliverer;
    /** The reader's own: where it reads each shard next, and the last record it read there. */
    private final Map<String, String> iterators = new HashMap<>();
    private final Map<String, String> lastRead = new HashMap<>();
    /** Counted from the console without this pump's lock: the function's log line is written while it holds the console's. */
    /** Batch lines the function logged, for the backlog; taken in under this's lock, logged without it. */
    private final Queue<BatchLine> batchesLogged = new ConcurrentLinkedQueue<>();
    // Guarded by this: shared by the reader, the deliverer and awaitDelivered.
    private final Map<String, String> checkpoints = new HashMap<>();
    private final Set<String> finishedShards = new HashSet<>();   // read to their end, every record handled
    private final Set<String> endedShards = new HashSet<>();      // read to their end, records still to hand over
    private final Map<String, ShardBuffer<Record>> buffers = new LinkedHashMap<>();
    private final Backlog backlog;
    private String shardInFlight;
    private int recordsInFlight;
    private long idlePasses;   // passes over every shard that read nothing while nothing waited

    StreamPump(StreamSource source, LocalFunction function, DynamoDbStreamsClient streams, String streamArn,
               Path checkpointDir, Path failedEvents) {
        this.source = source;
        this.function = function;
        this.streams = streams;
        this.streamArn = streamArn;
        this.checkpointFile = checkpointDir.resolve(source.functionId() + "-" + source.eventId() + ".json");
        this.failedEvents = failedEvents;
        this.backlog = new Backlog(source.functionId().replaceFirst("Function$", "").toLowerCase(Locale.ROOT));
        readCheckpoints();
        this.reader = daemon(this::read, "stream-" + source.functionId() + "-reader");
        this.deliverer = daemon(this::deliverBatches, "stream-" + source.functionId());
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    void start() {
        reader.start();
        deliverer.start();
    }

    /**
     * Waits until a pass over every shard that began after this call read nothing while no record
     * waited to be handled: by then every record written before the call has been handled.
     */
    synchronized void awaitDelivered(Duration timeout) throws InterruptedException, TimeoutException {
        long wanted = idlePasses + 2;   // the pass under way may have begun before the call
        long deadline = System.nanoTime() + timeout.toNanos();
        while (idlePasses < wanted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(source.functionId() + " stream: records still undelivered after " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    String functionId() {
        return source.functionId();
    }

    /** The function's log reported a batch; the console's backlog line counts what it did. */
    void batchLogged(BatchLine batch) {
        batchesLogged.add(batch);
    }

    private boolean running() {
        return stop.getCount() > 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading ahead

    private void read() {
        while (running()) {
            try {
                boolean progressed = false;
                for (Shard shard : readyShards()) {
                    progressed |= readShard(shard.shardId());
                }
                Optional<String> progress;
                synchronized (this) {
                    if (!progressed && waiting() == 0) {
                        idlePasses++;
                        notifyAll();
                    }
                    progress = reportBacklog();
                }
                progress.ifPresent(LOG::info);
                if (!progressed) {
                    waitMs(IDLE_POLL_MS);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} stream: {}: {}; polling again", source.functionId(), e.getClass().getSimpleName(), e.getMessage());
                waitMs(IDLE_POLL_MS);
            }
        }
    }

    /** Shards to read: not read to their end, and whose parent, if the stream still has it, is finished. */
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
        synchronized (this) {
            return shards.stream()
                    .filter(s -> !finishedShards.contains(s.shardId()) && !endedShards.contains(s.shardId()))
                    .filter(s -> s.parentShardId() == null || !present.contains(s.parentShardId())
                            || finishedShards.contains(s.parentShardId()))
                    .toList();
        }
    }

    /** Reads the shard once if its buffer has room; true if that read records or found the shard's end. */
    private boolean readShard(String shardId) {
        int room;
        synchronized (this) {
            room = buffer(shardId).room();
        }
        if (room == 0) {
            return false;
        }
        String iterator = iterators.computeIfAbsent(shardId, this::iterator);
        GetRecordsResponse response = getRecords(shardId, iterator, Math.min(room, MAX_RECORDS_PER_READ));
        long readAt = System.nanoTime();
        List<Record> records = response.records();
        List<Integer> eventBytes = records.stream().map(this::eventBytes).toList();
        boolean ended = response.nextShardIterator() == null;
        if (ended) {
            iterators.remove(shardId);
        } else {
            iterators.put(shardId, response.nextShardIterator());
        }
        if (!records.isEmpty()) {
            lastRead.put(shardId, sequence(records.get(records.size() - 1)));
        }
        synchronized (this) {
            ShardBuffer<Record> buffer = buffer(shardId);
            for (int i = 0; i < records.size(); i++) {
                buffer.add(records.get(i), eventBytes.get(i), readAt);
            }
            if (ended) {
                endedShards.add(shardId);
                finishIfHandled(shardId);
            }
            notifyAll();
        }
        return !records.isEmpty() || ended;
    }

    /** What the record adds to a batch's event, or a little more: the size of an event of that record alone. */
    private int eventBytes(Record record) {
        return StreamEventJson.of(List.of(record), streamArn).getBytes(StandardCharsets.UTF_8).length;
    }

    private GetRecordsResponse getRecords(String shardId, String iterator, int limit) {
        try {
            return streams.getRecords(r -> r.shardIterator(iterator).limit(limit));
        } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
            String fresh = iterator(shardId);
            return streams.getRecords(r -> r.shardIterator(fresh).limit(limit));
        }
    }

    /** An iterator after the last record read from the shard, else after its checkpoint, else at the starting position. */
    private String iterator(String shardId) {
        String after = lastRead.get(shardId);
        if (after == null) {
            synchronized (this) {
                after = checkpoints.get(shardId);
            }
        }
        String from = after;
        return streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (from != null) {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(from);
            } else {
                r.shardIteratorType(ShardIteratorType.fromValue(source.startingPosition()));
            }
        }).shardIterator();
    }

    // ---------------------------------------------------------------------------------------------
    // Handing batches over

    private record ShardBatch(String shardId, List<Record> records) {
    }

    private void deliverBatches() {
        for (ShardBatch next = nextBatch(); next != null; next = nextBatch()) {
            while (running()) {
                try {
                    deliver(next.shardId(), next.records());
                    break;
                } catch (RuntimeException e) {
                    // The pump's own files failed, not the function: as a fresh read would, hand the batch over again.
                    LOG.warn("{} stream: {}: {}; delivering the batch again", source.functionId(), e.getClass().getSimpleName(),
                            e.getMessage());
                    waitMs(IDLE_POLL_MS);
                }
            }
            Optional<String> progress;
            synchronized (this) {
                shardInFlight = null;
                recordsInFlight = 0;
                // The batch's log line was written before the function returned.
                takeBatchLines();
                backlog.handled(next.records().size(), System.nanoTime());
                finishIfHandled(next.shardId());
                progress = reportBacklog();
                notifyAll();
            }
            progress.ifPresent(LOG::info);
        }
    }

    /**
     * Waits until a shard has a batch due and takes it, a shard whose batch went last then taking
     * its turn after the others; null once the pump stops.
     */
    private synchronized ShardBatch nextBatch() {
        while (running()) {
            long now = System.nanoTime();
            long wakeAt = now + TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MS);
            for (var entry : buffers.entrySet()) {
                String shardId = entry.getKey();
                ShardBuffer<Record> buffer = entry.getValue();
                Optional<List<Record>> batch = buffer.takeBatch(now, endedShards.contains(shardId));
                if (batch.isPresent()) {
                    buffers.put(shardId, buffers.remove(shardId));
                    shardInFlight = shardId;
                    recordsInFlight = batch.get().size();
                    return new ShardBatch(shardId, batch.get());
                }
                wakeAt = Math.min(wakeAt, buffer.windowEndsAt().orElse(wakeAt));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.max(wakeAt - now, TimeUnit.MILLISECONDS.toNanos(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.countDown();
            }
        }
        return null;
    }

    /** Once a shard read to its end has had every record handled, its children may be read. Holds this. */
    private void finishIfHandled(String shardId) {
        if (endedShards.contains(shardId) && !shardId.equals(shardInFlight) && buffer(shardId).isEmpty()) {
            endedShards.remove(shardId);
            buffers.remove(shardId);
            finishedShards.add(shardId);
            writeCheckpoints();
        }
    }

    /** Holds this. */
    private ShardBuffer<Record> buffer(String shardId) {
        return buffers.computeIfAbsent(shardId, id -> new ShardBuffer<>(source.batchSize(), source.batchingWindow(),
                MAX_PAYLOAD_BYTES, READ_AHEAD_BATCHES));
    }

    /** Records read and not yet handled. Holds this. */
    private long waiting() {
        return recordsInFlight + buffers.values().stream().mapToLong(ShardBuffer::size).sum();
    }

    /** The console's backlog line, if one is due; printed by the caller once it has let go of this. Holds this. */
    private Optional<String> reportBacklog() {
        takeBatchLines();
        return backlog.report(waiting(), System.nanoTime());
    }

    /** Hands the backlog the batch lines logged since the last call. Holds this. */
    private void takeBatchLines() {
        for (BatchLine batch = batchesLogged.poll(); batch != null; batch = batchesLogged.poll()) {
            backlog.logged(batch);
        }
    }

    /** Delivers until the whole batch has succeeded or its retries are spent; blocks the shard meanwhile. */
    private void deliver(String shardId, List<Record> batch) {
        List<Record> pending = batch;
        for (int retries = 0; running(); retries++) {
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

    private synchronized void checkpoint(String shardId, Record record) {
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
        return FailedEvents.keep(failedEvents, source.functionId(), "stream-" + sequence(records.get(0)) + ".json",
                StreamEventJson.of(records, streamArn));
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
        synchronized (this) {
            notifyAll();
        }
        reader.join(10_000);
        deliverer.join(10_000);
    }
}

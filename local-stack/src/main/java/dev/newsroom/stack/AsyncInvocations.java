package dev.newsroom.stack;

import dev.newsroom.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous invocation, as S3 notifications and EventBridge Scheduler use it: the caller
 * hands the event over and is done; a failing invocation is retried twice (after 1 s and 2 s here,
 * minutes on AWS), and then kept in {@code failed-events/}, the local stand-in for the function's
 * on-failure destination. A failing handler never stops the stack.
 *
 * <p>Lambda's queue of events outlives any crash, so this one is a folder: each event is written to
 * {@code pending-events/<function>/} before it is handed over, and leaves it only when it is done or
 * kept as failed. Every second the folder is looked at for events no one is delivering: those a
 * stack killed mid-burst left behind, and those {@code ./newsroom redrive} moved back from
 * {@code failed-events/}.
 */
final class AsyncInvocations {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    static final int ATTEMPTS = 3;
    static final String QUEUE = "pending-events";

    private final ScheduledExecutorService executor;
    private final Path queue;
    private final Path failedEvents;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    /** The queued events being delivered or waiting for a retry: the folder's others are no one's. */
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();

    AsyncInvocations(ScheduledExecutorService executor, Path dataDir, Clock clock) {
        this.executor = executor;
        this.queue = dataDir.resolve(QUEUE);
        this.failedEvents = dataDir.resolve(FailedEvents.FOLDER);
        this.clock = clock;
    }

    /** Queues {@code event} for {@code function}; returns at once. {@code what} names it in the log. */
    void invoke(LocalFunction function, String event, String what) {
        Path queued = enqueue(function.id(), event);
        executor.execute(() -> deliver(function, queued, event, what, 1));
    }

    /**
     * From now on, every second, delivers the queued events no one is delivering, to the function
     * whose folder they are in.
     */
    void resumeQueued(Map<String, LocalFunction> functions) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                resume(functions);
            } catch (RuntimeException e) {
                LOG.error("could not read the queue of events in {}: {}", queue, e.toString());
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    private void resume(Map<String, LocalFunction> functions) {
        if (!Files.isDirectory(queue)) {
            return;
        }
        for (Path folder : list(queue)) {
            LocalFunction function = functions.get(folder.getFileName().toString());
            if (function == null) {
                continue;
            }
            for (Path queued : list(folder)) {
                if (queued.getFileName().toString().endsWith(".json") && inFlight.add(queued)) {
                    Optional<String> event = read(queued);
                    if (event.isEmpty()) {
                        inFlight.remove(queued); // delivered and taken off the queue since the folder was listed
                        continue;
                    }
                    String what = function.id() + " queued event " + queued.getFileName();
                    executor.execute(() -> deliver(function, queued, event.get(), what, 1));
                }
            }
        }
    }

    private void deliver(LocalFunction function, Path queued, String event, String what, int attempt) {
        inFlight.add(queued);
        long start = System.nanoTime();
        try {
            String answer = function.invoke(event);
            failedItems(answer);
            LOG.info("{} → done in {} ms", what, elapsedMs(start));
            done(queued);
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempt < ATTEMPTS) {
                LOG.warn("{} → failed in {} ms (attempt {} of {}): {}; retrying in {} s",
                        what, elapsedMs(start), attempt, ATTEMPTS, reason, attempt);
                executor.schedule(() -> deliver(function, queued, event, what, attempt + 1), attempt, TimeUnit.SECONDS);
            } else {
                LOG.error("{} → gave up after {} attempts: {}; the event is in {}", what, ATTEMPTS, reason, keep(function, queued));
            }
        }
    }

    /**
     * A stream function's answer that names records to deliver again ({@code batchItemFailures}): a
     * failure, as its batch, replayed from {@code failed-events/}, is not done.
     */
    private static void failedItems(String answer) {
        if (answer == null || !answer.contains("batchItemFailures")) {
            return;
        }
        try {
            if (!Json.array(Json.object(Json.read(answer)).get("batchItemFailures")).isEmpty()) {
                throw new IllegalStateException("the function answered that records of the batch failed: " + answer);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the function's answer is not JSON: " + answer, e);
        }
    }

    private Path enqueue(String functionId, String event) {
        String name = clock.instant().toEpochMilli() + "-" + sequence.incrementAndGet() + "-" + System.nanoTime() + ".json";
        try {
            Path folder = Files.createDirectories(queue.resolve(functionId));
            Path queued = folder.resolve(name);
            inFlight.add(queued); // before it appears, so the poller never delivers it beside us
            Path temporary = Files.writeString(folder.resolve(name + ".tmp"), event, StandardCharsets.UTF_8);
            return Files.move(temporary, queued, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not queue the event in " + queue, e);
        }
    }

    private void done(Path queued) {
        try {
            Files.deleteIfExists(queued);
        } catch (IOException e) {
            LOG.error("could not take the delivered event {} off the queue: {}", queued, e.toString());
        } finally {
            inFlight.remove(queued);
        }
    }

    /** Moves the event, whole, from the queue to the failure destination: never in both, never in neither. */
    private Path keep(LocalFunction function, Path queued) {
        try {
            return FailedEvents.keepQueued(failedEvents, function.id(), queued);
        } catch (UncheckedIOException e) {
            LOG.error("could not keep the failed event: {}; it stays queued in {}", e.getMessage(), queued);
            return queued;
        } finally {
            inFlight.remove(queued);
        }
    }

    private static Path[] list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toArray(Path[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> read(Path queued) {
        try {
            return Optional.of(Files.readString(queued, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}

package dev.newsroom.stack;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous invocation, as S3 notifications and EventBridge Scheduler use it: the caller
 * hands the event over and is done; a failing invocation is retried twice (after 1 s and 2 s here,
 * minutes on AWS), and then kept in {@code failed-events/}, the local stand-in for the function's
 * on-failure destination. A failing handler never stops the stack.
 */
final class AsyncInvocations {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    static final int ATTEMPTS = 3;

    private final ScheduledExecutorService executor;
    private final Path failedEvents;
    private final Clock clock;

    AsyncInvocations(ScheduledExecutorService executor, Path failedEvents, Clock clock) {
        this.executor = executor;
        this.failedEvents = failedEvents;
        this.clock = clock;
    }

    /** Queues {@code event} for {@code function}; returns at once. {@code what} names it in the log. */
    void invoke(LocalFunction function, String event, String what) {
        executor.execute(() -> deliver(function, event, what, 1));
    }

    private void deliver(LocalFunction function, String event, String what, int attempt) {
        long start = System.nanoTime();
        try {
            function.invoke(event);
            LOG.info("{} → done in {} ms", what, elapsedMs(start));
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempt < ATTEMPTS) {
                LOG.warn("{} → failed in {} ms (attempt {} of {}): {}; retrying in {} s",
                        what, elapsedMs(start), attempt, ATTEMPTS, reason, attempt);
                executor.schedule(() -> deliver(function, event, what, attempt + 1), attempt, TimeUnit.SECONDS);
            } else {
                LOG.error("{} → gave up after {} attempts: {}; the event is in {}", what, ATTEMPTS, reason, keep(function, event));
            }
        }
    }

    private Path keep(LocalFunction function, String event) {
        try {
            return FailedEvents.keep(failedEvents, function.id(), clock.instant().toEpochMilli() + "-" + System.nanoTime() + ".json", event);
        } catch (java.io.UncheckedIOException e) {
            LOG.error("could not keep the failed event: {}", e.getMessage());
            return failedEvents;
        }
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}

package dev.newsroom.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers S3 event notifications to functions as S3 and Lambda do: asynchronously, to every
 * function whose event source matches, retried twice on failure (after 1 s and 2 s here, minutes
 * on AWS), and then kept in {@code failed-events/}, the local stand-in for the on-failure destination.
 * A failing handler never stops the stack.
 */
final class S3Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(S3Notifications.class);
    static final int ATTEMPTS = 3;

    private final List<NotificationRule> rules;
    private final Map<String, LocalFunction> functions;
    private final ScheduledExecutorService executor;
    private final String region;
    private final Path failedEvents;
    private final Clock clock;

    S3Notifications(List<NotificationRule> rules, Map<String, LocalFunction> functions, ScheduledExecutorService executor,
                    String region, Path failedEvents, Clock clock) {
        this.rules = List.copyOf(rules);
        this.functions = Map.copyOf(functions);
        this.executor = executor;
        this.region = region;
        this.failedEvents = failedEvents;
        this.clock = clock;
    }

    /** Called for every successful write to any bucket; returns at once. */
    void notify(ObjectChange change) {
        for (NotificationRule rule : rules) {
            if (rule.matches(change)) {
                String event = S3EventJson.of(change, rule.configurationId(), region, clock.instant());
                executor.execute(() -> deliver(functions.get(rule.functionId()), change, event, 1));
            }
        }
    }

    private void deliver(LocalFunction function, ObjectChange change, String event, int attempt) {
        long start = System.nanoTime();
        String what = function.id() + " " + change.eventName() + " " + change.key();
        try {
            function.invoke(event);
            LOG.info("{} → done in {} ms", what, elapsedMs(start));
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempt < ATTEMPTS) {
                LOG.warn("{} → failed in {} ms (attempt {} of {}): {}; retrying in {} s",
                        what, elapsedMs(start), attempt, ATTEMPTS, reason, attempt);
                executor.schedule(() -> deliver(function, change, event, attempt + 1), attempt, TimeUnit.SECONDS);
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

package dev.newsroom.stack;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * A stream's backlog, as the console of {@code ./newsroom up} reports it: while records wait, at
 * most a line a second with the records waiting, the changes a burst left to settle, the pages the
 * function wrote meanwhile and when the site should be consistent; and a line when it drains. A
 * backlog that drains within two seconds is not worth a line. The estimate is the records waiting
 * at the rate of the last few batches, plus the changes to settle at what the last settling batch
 * took for each (docs/related.md, "Settling a burst"): a burst's own batches are quick, and the
 * batch after it does the burst's pages. Pure: times are passed in, as {@link System#nanoTime()} values.
 */
final class Backlog {

    private static final long WORTH_REPORTING = Duration.ofSeconds(2).toNanos();
    private static final long REPORT_EVERY = Duration.ofSeconds(1).toNanos();
    /** The rate is measured over this many batches, so it follows a backlog whose pace changes. */
    private static final int RECENT_BATCHES = 5;
    /**
     * What settling a waiting change costs until a settling batch has been seen: the bulk benchmark's
     * settling batches took 7 to 12 ms a change on these machines (docs/benchmarks.md).
     */
    private static final long FIRST_SETTLE_NANOS_PER_CHANGE = Duration.ofMillis(10).toNanos();

    /** A point of the backlog's progress: records handled when the batch ended. */
    private record Handled(long atNanos, long records) {
    }

    private final String name;
    private boolean open;
    private boolean reported;
    private long startedAt;
    private long lastReportAt;
    private long records;
    private long pages;
    /** Changes burst batches left waiting that no batch has settled yet: the backlog lasts until they are. */
    private long toSettle;
    private long settleNanosPerChange = FIRST_SETTLE_NANOS_PER_CHANGE;
    /** The last batches, after the point the rate is measured from. */
    private final Deque<Handled> recent = new ArrayDeque<>();

    /** @param name how the console names the stream's function, such as {@code relate} */
    Backlog(String name) {
        this.name = name;
    }

    /** A batch was handled, or given up on: its records wait no more. */
    void handled(int batchRecords, long nowNanos) {
        if (!open) {
            return;
        }
        records += batchRecords;
        recent.addLast(new Handled(nowNanos, batchRecords));
        if (recent.size() > RECENT_BATCHES + 1) {
            recent.removeFirst();
        }
    }

    /** The function's log line of a batch: the pages it wrote, and the changes it left waiting or settled. */
    void logged(BatchLine batch) {
        if (open) {
            pages += batch.pages();
        }
        if (batch.settled() > 0) {
            // A settling batch renders every change that waits: what it left is what it deferred itself.
            toSettle = batch.deferred();
            if (batch.durationMs() > 0) {
                settleNanosPerChange = Duration.ofMillis(batch.durationMs()).toNanos() / batch.settled();
            }
        } else {
            toSettle += batch.deferred();
        }
    }

    /**
     * The line to print now, if any.
     *
     * @param waiting records read and not yet handled
     */
    Optional<String> report(long waiting, long nowNanos) {
        if (!open) {
            if (waiting > 0 || toSettle > 0) {
                open = true;
                reported = false;
                startedAt = nowNanos;
                records = 0;
                pages = 0;
                recent.clear();
                recent.add(new Handled(nowNanos, 0));
            }
            return Optional.empty();
        }
        long elapsed = nowNanos - startedAt;
        // Between a burst's last batch and the one that settles it no record waits, but the site is not consistent yet.
        if (waiting == 0 && toSettle == 0) {
            open = false;
            return reported
                    ? Optional.of(String.format(Locale.ENGLISH, "%s: consistent, %,d records in %d s", name, records,
                            Math.round(elapsed / 1e9)))
                    : Optional.empty();
        }
        if (elapsed < WORTH_REPORTING || (reported && nowNanos - lastReportAt < REPORT_EVERY)) {
            return Optional.empty();
        }
        reported = true;
        lastReportAt = nowNanos;
        String line = String.format(Locale.ENGLISH, "%s: %,d records waiting, %s%,d pages written", name, waiting,
                toSettle > 0 ? String.format(Locale.ENGLISH, "%,d changes to settle, ", toSettle) : "", pages);
        long recentRecords = recent.stream().skip(1).mapToLong(Handled::records).sum();
        double recentSeconds = (nowNanos - recent.peekFirst().atNanos()) / 1e9;
        if (recentRecords == 0 || recentSeconds <= 0) {
            return Optional.of(line);
        }
        double seconds = waiting / (recentRecords / recentSeconds) + toSettle * (settleNanosPerChange / 1e9);
        return Optional.of(line + String.format(Locale.ENGLISH, ", consistent in about %,d s", (long) Math.ceil(seconds)));
    }
}

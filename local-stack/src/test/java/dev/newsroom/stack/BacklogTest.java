package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's backlog lines; times are given, nothing sleeps. */
class BacklogTest {

    private final Backlog backlog = new Backlog("relate");

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void aBacklogDrainedWithinTwoSecondsIsNotReported() {
        assertEquals(Optional.empty(), backlog.report(5, ms(0)));
        assertEquals(Optional.empty(), backlog.report(5, ms(1_000)));
        backlog.handled(5, ms(1_500));
        assertEquals(Optional.empty(), backlog.report(0, ms(1_900)));
    }

    @Test
    void reportsRecordsWaitingPagesWrittenAndTheTimeToConsistentAtMostOnceASecond() {
        backlog.report(3_000, ms(0));
        backlog.handled(1_000, ms(2_000));
        backlog.logged(new BatchLine(1_500, 0, 0, 0));
        assertEquals(Optional.of("relate: 2,000 records waiting, 1,500 pages written, consistent in about 4 s"),
                backlog.report(2_000, ms(2_000)));
        assertEquals(Optional.empty(), backlog.report(2_000, ms(2_500)));
        assertEquals(Optional.of("relate: 2,000 records waiting, 1,500 pages written, consistent in about 6 s"),
                backlog.report(2_000, ms(3_000)), "no batch ended since: the rate falls");
    }

    @Test
    void givesNoEstimateBeforeTheFirstBatchEnds() {
        backlog.report(10, ms(0));
        assertEquals(Optional.of("relate: 10 records waiting, 0 pages written"), backlog.report(10, ms(2_000)));
    }

    @Test
    void saysOnceWhenTheBacklogHasDrained() {
        backlog.report(3_000, ms(0));
        backlog.handled(1_000, ms(2_000));
        backlog.report(2_000, ms(2_000));
        backlog.handled(2_000, ms(14_000));
        assertEquals(Optional.of("relate: consistent, 3,000 records in 14 s"), backlog.report(0, ms(14_400)));
        assertEquals(Optional.empty(), backlog.report(0, ms(15_400)));
    }

    @Test
    void theEstimateFollowsTheLastFewBatches() {
        backlog.report(100_000, ms(0));
        for (int s = 10; s <= 50; s += 10) {
            backlog.handled(100, ms(s * 1_000L));
        }
        for (int s = 51; s <= 55; s++) {
            backlog.handled(1_000, ms(s * 1_000L));
        }
        assertEquals(Optional.of("relate: 10,000 records waiting, 0 pages written, consistent in about 10 s"),
                backlog.report(10_000, ms(55_000)));
    }

    @Test
    void aNewBacklogCountsAfresh() {
        backlog.report(10, ms(0));
        backlog.handled(10, ms(3_000));
        backlog.logged(new BatchLine(40, 0, 0, 0));
        backlog.report(10, ms(3_000));
        backlog.report(0, ms(3_000));
        backlog.logged(new BatchLine(7, 0, 0, 0));
        backlog.report(20, ms(10_000));
        assertEquals(Optional.of("relate: 20 records waiting, 0 pages written"), backlog.report(20, ms(12_000)),
                "pages written between backlogs, and the last backlog's, are not this one's");
    }

    @Test
    void changesABurstLeftToSettleCountAtWhatTheLastSettlingBatchTookForEach() {
        backlog.report(5_000, ms(0));
        for (int s = 1; s <= 4; s++) {
            backlog.handled(1_000, ms(s * 1_000L));
            backlog.logged(new BatchLine(0, 1_000, 0, 900));
        }
        assertEquals(Optional.of("relate: 1,000 records waiting, 4,000 changes to settle, 0 pages written, consistent in about 41 s"),
                backlog.report(1_000, ms(4_000)), "a record a millisecond, then 4,000 changes at first 10 ms each");
        backlog.handled(1_000, ms(5_000));
        backlog.logged(new BatchLine(0, 1_000, 0, 900));
        assertEquals(Optional.of("relate: 0 records waiting, 5,000 changes to settle, 0 pages written, consistent in about 50 s"),
                backlog.report(0, ms(5_000)), "no record waits before the settling batch's, but the burst is not settled");
        backlog.handled(1, ms(35_000));
        backlog.logged(new BatchLine(9_000, 0, 5_000, 30_000));
        assertEquals(Optional.of("relate: consistent, 5,001 records in 35 s"), backlog.report(0, ms(35_000)));

        backlog.report(2_000, ms(100_000));
        backlog.handled(1_000, ms(101_000));
        backlog.logged(new BatchLine(0, 1_000, 0, 900));
        assertEquals(Optional.of("relate: 1,000 records waiting, 1,000 changes to settle, 0 pages written, consistent in about 8 s"),
                backlog.report(1_000, ms(102_000)), "500 records a second, then the last settling batch's 6 ms a change");
    }
}

package dev.newsroom.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private final Parallel parallel = Parallel.of(2);

    @Test
    void resultsComeInTheItemsOrder() {
        assertEquals(List.of(2, 4, 6, 8, 10), parallel.map(List.of(1, 2, 3, 4, 5), n -> n * 2));
    }

    @Test
    void tasksRunOnThreadsThatSeeTheFunctionsClasses() {
        Thread caller = Thread.currentThread();
        for (Thread thread : parallel.map(List.of(1, 2, 3), n -> Thread.currentThread())) {
            assertNotEquals(caller, thread);
            assertSame(Parallel.class.getClassLoader(), thread.getContextClassLoader());
        }
    }

    @Test
    void aFailureIsRethrownOnceEveryOtherTaskHasFinished_A10() {
        AtomicInteger finished = new AtomicInteger();
        var failure = assertThrows(IllegalStateException.class, () -> parallel.each(List.of(1, 2, 3, 4, 5, 6), n -> {
            if (n == 1) {
                throw new IllegalStateException("task 1 failed");
            }
            finished.incrementAndGet();
        }));
        assertEquals("task 1 failed", failure.getMessage());
        assertEquals(5, finished.get());
    }

    /** More waiting tasks than threads: each outer task waits on inner ones, which the waiting threads run themselves. */
    @Test
    void nestedFanOutsFinish() {
        List<Integer> sums = parallel.map(List.of(1, 2, 3, 4, 5, 6), outer ->
                parallel.map(List.of(1, 2, 3, 4, 5, 6), inner -> outer * inner).stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(21, 42, 63, 84, 105, 126), sums);
    }

    @Test
    void startedWorkGivesItsResultOrItsFailureWhenAskedFor() {
        var answer = parallel.start(() -> 42);
        var failed = parallel.start(() -> {
            throw new IllegalArgumentException("no answer");
        });
        assertEquals(42, answer.get());
        assertEquals("no answer", assertThrows(IllegalArgumentException.class, failed::get).getMessage());
    }

    @Test
    void inPlaceRunsEachTaskInTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertEquals(List.of(caller, caller), Parallel.IN_PLACE.map(List.of(1, 2), n -> Thread.currentThread()));
        assertEquals(caller, Parallel.IN_PLACE.start(Thread::currentThread).get());
    }

    /** A long job within an invocation: whole chunks, in order, and none started once the deadline has come. */
    @Test
    void doesTheFirstItemsChunkByChunkUntilTheDeadline() {
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7);
        var done = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        assertEquals(0, parallel.prefixUntil(items, 3, done::add, java.time.Instant.now()));
        assertEquals(List.of(), List.copyOf(done));

        // The deadline passes while the first chunk runs: that chunk finishes, no other starts.
        java.time.Instant until = java.time.Instant.now().plusMillis(50);
        assertEquals(3, parallel.prefixUntil(items, 3, n -> {
            while (!java.time.Instant.now().isAfter(until)) {
                Thread.onSpinWait();
            }
            done.add(n);
        }, until));
        assertEquals(java.util.Set.of(1, 2, 3), java.util.Set.copyOf(done));

        assertEquals(7, parallel.prefixUntil(items, 3, n -> { }, java.time.Instant.now().plusSeconds(60)));
    }
}

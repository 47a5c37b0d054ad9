package dev.newsroom.core.concurrent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs independent requests at once, on a few threads of its own. A function's requests mostly wait
 * on the network, so an event's work ends sooner with several in flight than one after another.
 * Tasks may fan out again: a thread waiting on tasks runs them itself meanwhile, so nested fan-outs
 * never wait on each other. Build one per function, at init.
 */
public final class Parallel {

    /** Runs every task in the caller's thread, one after another: for work that makes no requests. */
    public static final Parallel IN_PLACE = new Parallel(null);

    private final ForkJoinPool pool;

    private Parallel(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** @param threads how many requests may be in flight at once */
    public static Parallel of(int threads) {
        return new Parallel(new ForkJoinPool(threads, pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            // Lambda's runtime loads the function in a class loader of its own, which libraries look classes up through.
            thread.setContextClassLoader(Parallel.class.getClassLoader());
            return thread;
        }, null, false));
    }

    /**
     * Starts {@code work} and returns at once; {@code get} on what it returns waits for the result
     * and rethrows a failure as it was thrown. Work whose result is never asked for still runs.
     */
    public <T> Supplier<T> start(Supplier<T> work) {
        if (pool == null) {
            return Outcome.of(work)::get;
        }
        ForkJoinTask<Outcome<T>> task = ForkJoinTask.adapt(() -> Outcome.of(work));
        if (ForkJoinTask.getPool() == pool) {
            task.fork();
        } else {
            pool.execute(task);
        }
        return () -> task.join().get();
    }

    /**
     * {@code work} applied to each item at once, the results in the items' order. Every task
     * finishes before this returns; the first failure, if any, is then rethrown as it was thrown.
     */
    public <T, R> List<R> map(Collection<T> items, Function<? super T, ? extends R> work) {
        if (pool == null || items.size() < 2) {
            return items.stream().<R>map(work).toList();
        }
        List<Supplier<R>> started = new ArrayList<>();
        items.forEach(item -> started.add(start(() -> work.apply(item))));
        List<R> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Supplier<R> task : started) {
            try {
                results.add(task.get());
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** {@code work} done for each item at once, as {@link #map}. */
    public <T> void each(Collection<T> items, Consumer<? super T> work) {
        map(items, item -> {
            work.accept(item);
            return null;
        });
    }

    /**
     * {@code work} done for the items in their order, {@code chunk} of them at once, starting no
     * chunk at or after {@code until} (by the wall clock, as an invocation's deadline is): for a long
     * job that must stop within an invocation's time and go on in the next from the first item it
     * did not do. Returns how many it did, always the first ones.
     */
    public <T> int prefixUntil(List<T> items, int chunk, Consumer<? super T> work, Instant until) {
        return chunksUntil(items, chunk, next -> each(next, work), until);
    }

    /**
     * As {@link #prefixUntil}, with {@code work} given each chunk whole, for a job that does more
     * than each item's work per chunk (keeping how far it got, say). Returns how many items it did.
     */
    public static <T> int chunksUntil(List<T> items, int chunk, Consumer<List<T>> work, Instant until) {
        int done = 0;
        while (done < items.size() && Instant.now().isBefore(until)) {
            List<T> next = items.subList(done, Math.min(items.size(), done + chunk));
            work.accept(next);
            done += next.size();
        }
        return done;
    }

    /** A task's result or failure: the pool would rethrow a failure wrapped in another. */
    private record Outcome<R>(R result, RuntimeException failure) {

        static <R> Outcome<R> of(Supplier<? extends R> work) {
            try {
                return new Outcome<>(work.get(), null);
            } catch (RuntimeException e) {
                return new Outcome<>(null, e);
            }
        }

        R get() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}

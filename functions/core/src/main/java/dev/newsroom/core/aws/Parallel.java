package dev.newsroom.core.aws;

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
     * {@code work} applied to each item at once, the results in the items' order. Every task
     * finishes before this returns; the first failure, if any, is then rethrown as it was thrown.
     */
    public <T, R> List<R> map(Collection<T> items, Function<? super T, ? extends R> work) {
        if (pool == null || items.size() < 2) {
            return items.stream().<R>map(work).toList();
        }
        List<ForkJoinTask<Outcome<R>>> tasks = new ArrayList<>();
        items.forEach(item -> tasks.add(ForkJoinTask.adapt(() -> Outcome.of(() -> work.apply(item)))));
        List<Outcome<R>> outcomes = ForkJoinTask.getPool() == pool ? joinAll(tasks) : pool.invoke(ForkJoinTask.adapt(() -> joinAll(tasks)));
        List<R> results = new ArrayList<>();
        for (Outcome<R> outcome : outcomes) {
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            results.add(outcome.result());
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

    /** Forks the tasks from one of the pool's threads and joins them all. */
    private static <R> List<Outcome<R>> joinAll(List<ForkJoinTask<Outcome<R>>> tasks) {
        tasks.forEach(ForkJoinTask::fork);
        return tasks.stream().map(ForkJoinTask::join).toList();
    }

    /** A task's result or failure: the pool would rethrow a failure wrapped, and only once the first one came. */
    private record Outcome<R>(R result, RuntimeException failure) {

        static <R> Outcome<R> of(Supplier<? extends R> work) {
            try {
                return new Outcome<>(work.get(), null);
            } catch (RuntimeException e) {
                return new Outcome<>(null, e);
            }
        }
    }
}

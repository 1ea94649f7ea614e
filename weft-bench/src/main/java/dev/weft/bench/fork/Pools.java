package dev.weft.bench.fork;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.MicroSchedulerConfig;
import dev.weft.fork.WorkerPool;
import java.util.concurrent.ForkJoinPool;

/**
 * A weft pool and scheduler and a ForkJoinPool of the same parallelism, for benchmarks that run both in one trial.
 * The weft pool's master is the benchmark thread, which works while it waits, exactly as the thread that calls
 * {@code ForkJoinPool.invoke} waits on its pool's workers: both sides have {@code workers} threads computing.
 */
final class Pools implements AutoCloseable {

    final WorkerPool pool;
    final MicroScheduler scheduler;
    final ForkJoinPool forkJoin;

    Pools(final int workers) {
        this(workers, 1);
    }

    /** Pools whose weft scheduler has {@code priorities} priorities, all but 0 unused by the benchmarks. */
    Pools(final int workers, final int priorities) {
        this.pool = WorkerPool.start(workers);
        this.scheduler = MicroScheduler.start(
                MicroSchedulerConfig.builder(pool).priorityCount(priorities).build());
        this.forkJoin = new ForkJoinPool(workers);
    }

    static void check(final String what, final long actual, final long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + " computed " + actual + ", expected " + expected);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        forkJoin.close();
    }
}

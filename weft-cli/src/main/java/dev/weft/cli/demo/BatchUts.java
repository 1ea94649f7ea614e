package dev.weft.cli.demo;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.fork.WorkerPoolConfig;
import dev.weft.platform.ThreadConfig;
import dev.weft.workloads.Uts;
import dev.weft.workloads.UtsParams;
import dev.weft.workloads.UtsResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Batch fork-join (GTS's micro-scheduler): Unbalanced Tree Search in a loop on a {@link MicroScheduler}, every tree's
 * counts checked against the published answer.
 *
 * <p>A dedicated thread is the pool's master (GTS's worker 0, which works while it waits); the pool's other workers
 * are owned threads. All of them run at nice {@link #NICE}, below the media reactors and the plain-JDK threads, so
 * that the batch takes what the latency-sensitive work leaves: on a 2-core machine that is the partition there is
 * to have. The loop stops at the first tree that starts after {@link #stop()}; a wrong count is recorded, not
 * thrown, so the report shows it.
 */
final class BatchUts {

    /** The nice value of the batch threads. */
    static final int NICE = 10;

    private final Uts uts;
    private final UtsResult expected;
    private final int workers;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile long trees;
    private volatile long wrong;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile String firstWrong = "";

    private BatchUts(final UtsParams params, final UtsResult expected, final int workers) {
        this.uts = new Uts(params);
        this.expected = expected;
        this.workers = workers;
    }

    /**
     * Starts the loop on a thread of its own.
     *
     * @param params the tree
     * @param expected its published counts
     * @param workers the pool's workers, the master included
     * @return the running loop
     */
    static BatchUts start(final UtsParams params, final UtsResult expected, final int workers) {
        final BatchUts batch = new BatchUts(params, expected, workers);
        ThreadConfig.builder("demo-uts-master").nice(NICE).build().start(batch::loop);
        return batch;
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the loop thread; readers take snapshots
    private void loop() {
        final WorkerPoolConfig.Builder desc = WorkerPoolConfig.builder("demo-uts", workers);
        for (int i = 1; i < workers; i++) {
            desc.worker(
                    i, ThreadConfig.builder("demo-uts-worker-" + i).nice(NICE).build());
        }
        final WorkerPool pool = WorkerPool.start(desc.build());
        try {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            startNanos = System.nanoTime();
            while (!stopping) {
                final UtsResult counted = uts.countWeft(scheduler);
                if (!counted.equals(expected)) {
                    if (wrong == 0) {
                        firstWrong = counted.toString();
                    }
                    wrong++;
                }
                trees++;
                endNanos = System.nanoTime();
            }
            done.complete(null);
        } catch (final RuntimeException | Error e) {
            done.completeExceptionally(e);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Trees counted so far, for the progress line.
     *
     * @return trees
     */
    long treesSoFar() {
        return trees;
    }

    /** Asks the loop to stop after the tree it is counting. */
    void stop() {
        stopping = true;
    }

    /**
     * Waits for the loop to end and returns its figures.
     *
     * @param name the tree's name for the report
     * @return the figures
     */
    BatchFigures finish(final String name) {
        stop();
        done.orTimeout(120, TimeUnit.SECONDS).join();
        final double seconds = (endNanos - startNanos) / 1e9;
        return new BatchFigures(
                name, workers, trees, wrong, trees == 0 || seconds <= 0 ? 0 : trees / seconds, firstWrong);
    }
}

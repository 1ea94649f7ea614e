package dev.weft.bench.workload;

import dev.weft.fork.Forked;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.Task;
import dev.weft.fork.TaskContext;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Naive recursive Fibonacci with no sequential cut-off: one task per call, the classic measure of spawn overhead.
 *
 * <ul>
 *   <li>{@link #weftContinuations}: GTS style; fib(n) makes a continuation that adds two cells, spawns fib(n-1),
 *       and returns fib(n-2) as its bypass task;</li>
 *   <li>{@link #weftForkJoin}: weft's ergonomic layer, {@code context.fork} and {@code Forked.join};</li>
 *   <li>{@link #forkJoinPool}: the textbook {@code RecursiveTask}, fork one half and compute the other;</li>
 *   <li>{@link #sequential}: plain recursion, the baseline for the overhead ratio.</li>
 * </ul>
 */
public final class Fib {

    private Fib() {
    }

    /**
     * Returns fib(n) by plain recursion.
     *
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long sequential(final int n) {
        return n < 2 ? n : sequential(n - 1) + sequential(n - 2);
    }

    /**
     * Returns fib(n) computed GTS style on a weft scheduler.
     *
     * @param scheduler the scheduler
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long weftContinuations(final MicroScheduler scheduler, final int n) {
        final long[] out = new long[1];
        scheduler.spawnTaskAndWait(new FibTask(n, out, 0));
        return out[0];
    }

    /**
     * Returns fib(n) computed with weft's fork/join layer.
     *
     * @param scheduler the scheduler
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long weftForkJoin(final MicroScheduler scheduler, final int n) {
        return scheduler.invoke(context -> forkJoin(context, n));
    }

    private static long forkJoin(final TaskContext context, final int n) {
        if (n < 2) {
            return n;
        }
        final Forked<Long> left = context.fork(c -> forkJoin(c, n - 1));
        final long right = forkJoin(context, n - 2);
        return left.join(context) + right;
    }

    /**
     * Returns fib(n) computed on a ForkJoinPool.
     *
     * @param pool the pool
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long forkJoinPool(final ForkJoinPool pool, final int n) {
        return pool.invoke(new FjFib(n));
    }

    /** fib(n) into a cell, GTS style. */
    private static final class FibTask extends Task {
        private final int n;
        private final long[] out;
        private final int slot;

        FibTask(final int n, final long[] out, final int slot) {
            this.n = n;
            this.out = out;
            this.slot = slot;
        }

        @Override
        protected Task execute(final TaskContext context) {
            if (n < 2) {
                out[slot] = n;
                return null;
            }
            final Sum sum = new Sum(out, slot);
            setContinuationTask(sum);
            sum.setRef(3);
            final FibTask left = new FibTask(n - 1, sum.parts, 0);
            final FibTask right = new FibTask(n - 2, sum.parts, 1);
            sum.addChildTaskWithoutRef(left);
            sum.addChildTaskWithoutRef(right);
            context.spawn(left);
            return right;
        }
    }

    /** Adds the two parts of fib(n) into the parent's cell. */
    private static final class Sum extends Task {
        private final long[] parts = new long[2];
        private final long[] out;
        private final int slot;

        Sum(final long[] out, final int slot) {
            this.out = out;
            this.slot = slot;
        }

        @Override
        protected Task execute(final TaskContext context) {
            out[slot] = parts[0] + parts[1];
            return null;
        }
    }

    /** The textbook ForkJoinPool Fibonacci. */
    private static final class FjFib extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final int n;

        FjFib(final int n) {
            this.n = n;
        }

        @Override
        protected Long compute() {
            if (n < 2) {
                return (long) n;
            }
            final FjFib left = new FjFib(n - 1);
            left.fork();
            final long right = new FjFib(n - 2).compute();
            return left.join() + right;
        }
    }
}

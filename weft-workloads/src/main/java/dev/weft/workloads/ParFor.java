package dev.weft.workloads;

import dev.weft.fork.MicroScheduler;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * A parallel-for over an array, split by halving down to a grain, on weft ({@link MicroScheduler#parallelFor}) and on
 * ForkJoinPool (a {@code RecursiveAction} that splits the same way: fork the upper half, keep the lower one). The
 * body writes {@code out[i] = sqrt(i)}; {@link #checksum} verifies a run.
 */
public final class ParFor {

    private final double[] out;
    private final int grain;

    /**
     * Creates a loop.
     *
     * @param size the number of indices, at least 1
     * @param grain the largest piece run without splitting, at least 1
     * @throws IllegalArgumentException if either is below 1
     */
    public ParFor(final int size, final int grain) {
        if (size < 1 || grain < 1) {
            throw new IllegalArgumentException(
                    "parallel-for size " + size + " and grain " + grain + " must both be at least 1");
        }
        this.out = new double[size];
        this.grain = grain;
    }

    /**
     * Returns the sum a correct run leaves in the array.
     *
     * @return the sum of sqrt(i) for every index
     */
    public double expectedChecksum() {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += Math.sqrt(i);
        }
        return sum;
    }

    /**
     * Sums the array and clears it for the next run.
     *
     * @return the sum of the array
     */
    public double checksum() {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += out[i];
            out[i] = 0;
        }
        return sum;
    }

    /**
     * Runs the loop on weft.
     *
     * @param scheduler the scheduler
     */
    public void runWeft(final MicroScheduler scheduler) {
        final double[] a = out;
        scheduler.parallelFor(0, a.length, grain, i -> a[i] = Math.sqrt(i));
    }

    /**
     * Runs the loop on a ForkJoinPool.
     *
     * @param pool the pool
     */
    public void runForkJoin(final ForkJoinPool pool) {
        pool.invoke(new Range(out, 0, out.length, grain));
    }

    /** One range of the ForkJoinPool loop. */
    private static final class Range extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient double[] a;
        private final int from;
        private final int to;
        private final int grain;
        private transient Range next;

        Range(final double[] a, final int from, final int to, final int grain) {
            this.a = a;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            int hi = to;
            Range forked = null;
            while (hi - from > grain) {
                final int mid = (from + hi) >>> 1;
                final Range upper = new Range(a, mid, hi, grain);
                upper.fork();
                upper.next = forked;
                forked = upper;
                hi = mid;
            }
            for (int i = from; i < hi; i++) {
                a[i] = Math.sqrt(i);
            }
            while (forked != null) {
                forked.join();
                forked = forked.next;
            }
        }
    }
}

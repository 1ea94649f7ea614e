package dev.weft.workloads;

import dev.weft.fork.EmptyTask;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.Task;
import dev.weft.fork.TaskContext;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * N-Queens solution counting (OEIS A000170) with bitmasks: sequentially, on weft, and on ForkJoinPool.
 *
 * <p>A partial board is three masks (occupied columns and the two diagonals). The parallel versions make one task per
 * partial board down to row {@code cutoff} and count the rest of each subtree sequentially; the weft version is GTS
 * style (a continuation counts the children, the last child is the bypass task), the ForkJoinPool version forks all
 * children but the last, computes it inline and joins the rest. Solutions are counted per worker.
 */
public final class NQueens {

    private static final long[] SOLUTIONS = {
        1, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200, 73712, 365596, 2279184, 14772512
    };

    /**
     * Returns the known number of solutions for an n×n board (n = 0 counts the empty board).
     *
     * @param n the board size, 0 to 16
     * @return the number of solutions
     * @throws IllegalArgumentException if no count is known for n
     */
    public static long solutions(final int n) {
        if (n < 0 || n >= SOLUTIONS.length) {
            throw new IllegalArgumentException(
                    "n-queens: no known count for n = " + n + " (known: 0 to " + (SOLUTIONS.length - 1) + ")");
        }
        return SOLUTIONS[n];
    }

    private final int n;
    private final int cutoff;
    private final int all;

    /**
     * Creates a problem.
     *
     * @param n the board size, in [1, 16]
     * @param cutoff the first row searched sequentially inside a task, in [0, n]
     * @throws IllegalArgumentException if either is out of range
     */
    public NQueens(final int n, final int cutoff) {
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("board size " + n + " is outside [1, 16]");
        }
        if (cutoff < 0 || cutoff > n) {
            throw new IllegalArgumentException("cutoff row " + cutoff + " is outside [0, " + n + "]");
        }
        this.n = n;
        this.cutoff = cutoff;
        this.all = (1 << n) - 1;
    }

    /**
     * Returns the known answer.
     *
     * @return the number of solutions of this board size
     */
    public long expected() {
        return SOLUTIONS[n];
    }

    /**
     * Counts on the calling thread.
     *
     * @return the number of solutions
     */
    public long countSequential() {
        return solve(0, 0, 0, 0);
    }

    private long solve(final int row, final int cols, final int d1, final int d2) {
        if (row == n) {
            return 1;
        }
        long count = 0;
        int free = all & ~(cols | d1 | d2);
        while (free != 0) {
            final int bit = free & -free;
            free -= bit;
            count += solve(row + 1, cols | bit, ((d1 | bit) << 1) & all, (d2 | bit) >>> 1);
        }
        return count;
    }

    /**
     * Counts on a weft scheduler.
     *
     * @param scheduler the scheduler
     * @return the number of solutions
     */
    public long countWeft(final MicroScheduler scheduler) {
        final Counters counters = new Counters(scheduler.workerCount());
        scheduler.spawnTaskAndWait(new WeftBoard(this, counters, 0, 0, 0, 0));
        return counters.sum(0);
    }

    /**
     * Counts on a ForkJoinPool.
     *
     * @param pool the pool
     * @return the number of solutions
     */
    public long countForkJoin(final ForkJoinPool pool) {
        final Counters counters = new Counters(4 * pool.getParallelism() + 64);
        pool.invoke(new FjBoard(this, counters, 0, 0, 0, 0));
        return counters.sum(0);
    }

    /** A partial board as a weft task. */
    private static final class WeftBoard extends Task {
        private final NQueens q;
        private final Counters counters;
        private final int row;
        private final int cols;
        private final int d1;
        private final int d2;

        WeftBoard(final NQueens q, final Counters counters, final int row, final int cols, final int d1, final int d2) {
            this.q = q;
            this.counters = counters;
            this.row = row;
            this.cols = cols;
            this.d1 = d1;
            this.d2 = d2;
        }

        @Override
        protected Task execute(final TaskContext context) {
            if (row >= q.cutoff) {
                counters.add(context.workerIndex(), q.solve(row, cols, d1, d2));
                return null;
            }
            final int free = q.all & ~(cols | d1 | d2);
            final int count = Integer.bitCount(free);
            if (count == 0) {
                return null;
            }
            final EmptyTask join = new EmptyTask();
            setContinuationTask(join);
            join.setRef(count + 1);
            int rest = free;
            WeftBoard last = null;
            while (rest != 0) {
                final int bit = rest & -rest;
                rest -= bit;
                final WeftBoard child =
                        new WeftBoard(q, counters, row + 1, cols | bit, ((d1 | bit) << 1) & q.all, (d2 | bit) >>> 1);
                join.addChildTaskWithoutRef(child);
                if (rest != 0) {
                    context.spawn(child);
                } else {
                    last = child;
                }
            }
            return last;
        }
    }

    /** A partial board as a ForkJoinPool task. */
    private static final class FjBoard extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient NQueens q;
        private final transient Counters counters;
        private final int row;
        private final int cols;
        private final int d1;
        private final int d2;

        FjBoard(final NQueens q, final Counters counters, final int row, final int cols, final int d1, final int d2) {
            this.q = q;
            this.counters = counters;
            this.row = row;
            this.cols = cols;
            this.d1 = d1;
            this.d2 = d2;
        }

        @Override
        protected void compute() {
            if (row >= q.cutoff) {
                counters.add(Counters.forkJoinSlot(counters.slots()), q.solve(row, cols, d1, d2));
                return;
            }
            final int free = q.all & ~(cols | d1 | d2);
            final int count = Integer.bitCount(free);
            if (count == 0) {
                return;
            }
            final FjBoard[] forked = new FjBoard[count - 1];
            int rest = free;
            for (int i = 0; i < count - 1; i++) {
                final int bit = rest & -rest;
                rest -= bit;
                forked[i] = new FjBoard(q, counters, row + 1, cols | bit, ((d1 | bit) << 1) & q.all, (d2 | bit) >>> 1);
                forked[i].fork();
            }
            new FjBoard(q, counters, row + 1, cols | rest, ((d1 | rest) << 1) & q.all, (d2 | rest) >>> 1).compute();
            for (int i = count - 2; i >= 0; i--) {
                forked[i].join();
            }
        }
    }
}

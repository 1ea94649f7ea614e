package dev.weft.workloads;

import dev.weft.fork.EmptyTask;
import dev.weft.fork.ForkedLong;
import dev.weft.fork.LongForkFunction;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.Task;
import dev.weft.fork.TaskContext;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * N-Queens solution counting (OEIS A000170) with bitmasks: sequentially, on weft, and on ForkJoinPool.
 *
 * <p>A partial board is three masks (occupied columns and the two diagonals). The parallel versions make one task per
 * partial board down to row {@code cutoff} and count the rest of each subtree sequentially. The fork/join versions
 * fork all children but the last, compute it inline and join the rest: on weft through the primitive
 * {@code fork(LongForkFunction, long)}, the board packed into the {@code long} and the count returned; on
 * ForkJoinPool as a {@code RecursiveAction} counting per worker. The weft continuation version is GTS style (a
 * continuation counts the children, the last child is the bypass task) and counts per worker too.
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

    private static final int MASK_BITS = 16;
    private static final long MASK = (1L << MASK_BITS) - 1;

    private final int n;
    private final int cutoff;
    private final int all;
    private final LongForkFunction countBoard = this::countBoard;

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
     * Counts on a weft scheduler with its fork/join layer: each partial board forks all its children but the last,
     * counts the last itself and joins the others, the way {@link #countForkJoin} does on a ForkJoinPool.
     *
     * @param scheduler the scheduler
     * @return the number of solutions
     */
    public long countWeft(final MicroScheduler scheduler) {
        return scheduler.invoke(context -> countBoard(context, pack(0, 0, 0, 0)));
    }

    /** A board as one {@code long}: the three masks in 16 bits each, the row above them. */
    private static long pack(final int row, final int cols, final int d1, final int d2) {
        return ((long) row << (3 * MASK_BITS)) | ((long) cols << (2 * MASK_BITS)) | ((long) d1 << MASK_BITS) | d2;
    }

    private long countBoard(final TaskContext context, final long board) {
        final int row = (int) (board >>> (3 * MASK_BITS));
        final int cols = (int) ((board >>> (2 * MASK_BITS)) & MASK);
        final int d1 = (int) ((board >>> MASK_BITS) & MASK);
        final int d2 = (int) (board & MASK);
        if (row >= cutoff) {
            return solve(row, cols, d1, d2);
        }
        return countChildren(context, row, cols, d1, d2, all & ~(cols | d1 | d2));
    }

    /** Forks the child for the lowest free column, counts the other free columns, then joins the fork. */
    private long countChildren(
            final TaskContext context, final int row, final int cols, final int d1, final int d2, final int free) {
        if (free == 0) {
            return 0;
        }
        final int bit = free & -free;
        final int rest = free - bit;
        final long child = pack(row + 1, cols | bit, ((d1 | bit) << 1) & all, (d2 | bit) >>> 1);
        if (rest == 0) {
            return countBoard(context, child);
        }
        final ForkedLong forked = context.fork(countBoard, child);
        final long others = countChildren(context, row, cols, d1, d2, rest);
        return forked.join(context) + others;
    }

    /**
     * Counts on a weft scheduler GTS style: a partial board hands its completion to a continuation that counts its
     * children, spawns all of them but the last and returns the last as its bypass task, so no worker ever waits.
     *
     * @param scheduler the scheduler
     * @return the number of solutions
     */
    public long countWeftContinuations(final MicroScheduler scheduler) {
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

package dev.weft.workloads;

import dev.weft.fork.EmptyTask;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.Task;
import dev.weft.fork.TaskContext;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Unbalanced Tree Search (Olivier et al., LCPC 2006; UTS 2.1): the tree is generated on the fly from SHA-1 states and
 * counted sequentially, on a weft {@link MicroScheduler}, or on a {@link ForkJoinPool}. Both parallel versions make one
 * task per node, which is the point of the benchmark.
 *
 * <p>An instance holds only its parameters; each count keeps its counters to itself and returns once the whole tree is
 * counted, so one instance may be counted on several threads at once.
 */
public final class Uts {

    /*
     * Implementation overview
     *
     * A node is its 20-byte SHA-1 state (five words) and its height. Its number of children follows UTS 2.1's
     * uts_numChildren: BIN roots have floor(b_0) children (at most ceil(b_0)), other BIN nodes m with probability q;
     * GEO nodes draw from a geometric distribution whose mean the shape function sets; every count is capped at 100
     * except a BIN root's. Child i's state is SHA-1 of the parent's state and i.
     *
     * - weft, GTS style: a node with children hands its parent to an EmptyTask continuation counting them, spawns all
     *   children but the last, and returns the last as its bypass task, so no worker ever blocks.
     * - ForkJoinPool, the idiomatic RecursiveAction: fork all children but the last, compute the last inline, join the
     *   others.
     *
     * Each worker counts nodes, leaves and the largest height in its own padded slot.
     */

    private static final int MAX_CHILDREN = 100;
    private static final double TWO_POW_31 = 2147483648.0;

    private final UtsParams params;

    /**
     * Creates a search of one tree.
     *
     * @param params the tree
     */
    public Uts(final UtsParams params) {
        this.params = params;
    }

    /**
     * Returns the tree's parameters.
     *
     * @return the parameters
     */
    public UtsParams params() {
        return params;
    }

    /**
     * Returns the number of children of a node, UTS 2.1's {@code uts_numChildren}.
     *
     * @param h4 the last word of the node's state (its random value before masking)
     * @param height the node's height
     * @return the number of children
     */
    public int numChildren(final int h4, final int height) {
        final double u = (h4 & 0x7fffffff) / TWO_POW_31;
        int count;
        switch (params.type()) {
            case UtsParams.BIN -> count = height == 0 ? (int) Math.floor(params.b0()) : bin(u);
            case UtsParams.GEO -> count = geo(u, height);
            default -> count = height < 0.5 * params.genMx() ? geo(u, height) : bin(u);
        }
        if (height == 0 && params.type() == UtsParams.BIN) {
            count = Math.min(count, (int) Math.ceil(params.b0()));
        } else {
            count = Math.min(count, MAX_CHILDREN);
        }
        return count;
    }

    private int bin(final double u) {
        return u < params.nonLeafProb() ? params.nonLeafBf() : 0;
    }

    private int geo(final double u, final int height) {
        final double b0 = params.b0();
        final int genMx = params.genMx();
        double b = b0;
        if (height > 0) {
            switch (params.shape()) {
                case UtsParams.EXPDEC -> b = b0 * Math.pow(height, -Math.log(b0) / Math.log(genMx));
                case UtsParams.CYCLIC ->
                    b = height > 5 * genMx ? 0.0 : Math.pow(b0, Math.sin(2.0 * Math.PI * height / genMx));
                case UtsParams.FIXED -> b = height < genMx ? b0 : 0.0;
                default -> b = b0 * (1.0 - (double) height / genMx);
            }
        }
        final double p = 1.0 / (1.0 + b);
        return (int) Math.floor(Math.log(1 - u) / Math.log(1 - p));
    }

    /**
     * Counts the tree on the calling thread, depth first with an explicit stack.
     *
     * @return the counts
     */
    public UtsResult countSequential() {
        final int[] root = Sha1.rootState(params.rootSeed());
        int[] stack = new int[6 * 1024];
        System.arraycopy(root, 0, stack, 0, 5);
        stack[5] = 0;
        int top = 1;
        long nodes = 0;
        long leaves = 0;
        int depth = 0;
        final int[] child = new int[5];
        while (top > 0) {
            top--;
            final int at = top * 6;
            final int s0 = stack[at];
            final int s1 = stack[at + 1];
            final int s2 = stack[at + 2];
            final int s3 = stack[at + 3];
            final int s4 = stack[at + 4];
            final int height = stack[at + 5];
            final int count = numChildren(s4, height);
            nodes++;
            depth = Math.max(depth, height);
            if (count == 0) {
                leaves++;
                continue;
            }
            if ((top + count) * 6 > stack.length) {
                stack = java.util.Arrays.copyOf(stack, Math.max(stack.length * 2, (top + count) * 6));
            }
            for (int i = 0; i < count; i++) {
                Sha1.childState(s0, s1, s2, s3, s4, i, child);
                final int to = (top + i) * 6;
                System.arraycopy(child, 0, stack, to, 5);
                stack[to + 5] = height + 1;
            }
            top += count;
        }
        return new UtsResult(nodes, depth, leaves);
    }

    /**
     * Counts the tree on a weft scheduler, one task per node.
     *
     * @param scheduler the scheduler
     * @return the counts
     */
    public UtsResult countWeft(final MicroScheduler scheduler) {
        final Counters counters = new Counters(scheduler.workerCount());
        final int[] root = Sha1.rootState(params.rootSeed());
        scheduler.spawnTaskAndWait(new WeftNode(this, counters, root[0], root[1], root[2], root[3], root[4], 0));
        return counters.utsResult();
    }

    /**
     * Counts the tree on a ForkJoinPool, one task per node.
     *
     * @param pool the pool
     * @return the counts
     */
    public UtsResult countForkJoin(final ForkJoinPool pool) {
        final Counters counters = new Counters(4 * pool.getParallelism() + 64);
        final int[] root = Sha1.rootState(params.rootSeed());
        pool.invoke(new FjNode(this, counters, root[0], root[1], root[2], root[3], root[4], 0));
        return counters.utsResult();
    }

    /** A node as a weft task. */
    private static final class WeftNode extends Task {
        private final Uts uts;
        private final Counters counters;
        private final int s0;
        private final int s1;
        private final int s2;
        private final int s3;
        private final int s4;
        private final int height;

        WeftNode(
                final Uts uts,
                final Counters counters,
                final int s0,
                final int s1,
                final int s2,
                final int s3,
                final int s4,
                final int height) {
            this.uts = uts;
            this.counters = counters;
            this.s0 = s0;
            this.s1 = s1;
            this.s2 = s2;
            this.s3 = s3;
            this.s4 = s4;
            this.height = height;
        }

        @Override
        protected Task execute(final TaskContext context) {
            final int count = uts.numChildren(s4, height);
            counters.node(context.workerIndex(), height, count == 0);
            if (count == 0) {
                return null;
            }
            final EmptyTask join = new EmptyTask();
            setContinuationTask(join);
            join.setRef(count + 1);
            final int[] child = new int[5];
            WeftNode last = null;
            for (int i = 0; i < count; i++) {
                Sha1.childState(s0, s1, s2, s3, s4, i, child);
                final WeftNode node =
                        new WeftNode(uts, counters, child[0], child[1], child[2], child[3], child[4], height + 1);
                join.addChildTaskWithoutRef(node);
                if (i < count - 1) {
                    context.spawn(node);
                } else {
                    last = node;
                }
            }
            return last;
        }
    }

    /** A node as a ForkJoinPool task. */
    private static final class FjNode extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Uts uts;
        private final transient Counters counters;
        private final int s0;
        private final int s1;
        private final int s2;
        private final int s3;
        private final int s4;
        private final int height;

        FjNode(
                final Uts uts,
                final Counters counters,
                final int s0,
                final int s1,
                final int s2,
                final int s3,
                final int s4,
                final int height) {
            this.uts = uts;
            this.counters = counters;
            this.s0 = s0;
            this.s1 = s1;
            this.s2 = s2;
            this.s3 = s3;
            this.s4 = s4;
            this.height = height;
        }

        @Override
        protected void compute() {
            final int count = uts.numChildren(s4, height);
            counters.node(Counters.forkJoinSlot(counters.slots()), height, count == 0);
            if (count == 0) {
                return;
            }
            final int[] child = new int[5];
            final FjNode[] forked = new FjNode[count - 1];
            for (int i = 0; i < count - 1; i++) {
                Sha1.childState(s0, s1, s2, s3, s4, i, child);
                forked[i] = new FjNode(uts, counters, child[0], child[1], child[2], child[3], child[4], height + 1);
                forked[i].fork();
            }
            Sha1.childState(s0, s1, s2, s3, s4, count - 1, child);
            new FjNode(uts, counters, child[0], child[1], child[2], child[3], child[4], height + 1).compute();
            for (int i = count - 2; i >= 0; i--) {
                forked[i].join();
            }
        }
    }
}

package dev.weft.bench.fork;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.Task;
import dev.weft.fork.TaskContext;
import dev.weft.fork.TaskKind;

/**
 * fib(n) in GTS's continuation style with every task allocated through the per-worker task cache: each call takes a
 * continuation (the sum of its two halves) and the task for fib(n-1) from the worker's cache, spawns the latter, and
 * recycles itself as fib(n-2), its own bypass task. Whether the cache is on is the pool's setting, so one workload
 * measures both.
 */
final class CachedFib {

    private static final TaskKind<FibTask> FIB = TaskKind.of(FibTask.class, FibTask::new);
    private static final TaskKind<Sum> SUM = TaskKind.of(Sum.class, Sum::new);

    private CachedFib() {}

    /**
     * Returns fib(n) computed on the scheduler.
     *
     * @param scheduler the scheduler; its pool's cache settings decide whether tasks are reused
     * @param n the index, at least 0
     * @return fib(n)
     */
    static long compute(final MicroScheduler scheduler, final int n) {
        final Sum result = new Sum();
        result.init(null, false);
        final FibTask root = scheduler.allocateTask(FIB);
        root.init(n, result, false);
        scheduler.spawnTaskAndWait(root);
        return result.leftValue + result.rightValue;
    }

    /** fib(n) into one cell of a {@link Sum}. */
    private static final class FibTask extends Task {
        private int n;
        private Sum target;
        private boolean right;

        void init(final int index, final Sum sum, final boolean rightHalf) {
            n = index;
            target = sum;
            right = rightHalf;
        }

        @Override
        protected Task execute(final TaskContext context) {
            if (n < 2) {
                target.set(right, n);
                return null;
            }
            final Sum sum = context.allocateTask(SUM);
            sum.init(target, right);
            setContinuationTask(sum);
            sum.setRef(3);
            final FibTask left = context.allocateTask(FIB);
            left.init(n - 1, sum, false);
            sum.addChildTaskWithoutRef(left);
            context.spawn(left);
            init(n - 2, sum, true);
            recycle();
            sum.addChildTaskWithoutRef(this);
            return this;
        }
    }

    /** Adds the two halves of fib(n) into the parent's cell; the root's is never run. */
    private static final class Sum extends Task {
        private Sum target;
        private boolean right;
        private long leftValue;
        private long rightValue;

        void init(final Sum parentSum, final boolean rightHalf) {
            target = parentSum;
            right = rightHalf;
            leftValue = 0;
            rightValue = 0;
        }

        void set(final boolean rightHalf, final long value) {
            if (rightHalf) {
                rightValue = value;
            } else {
                leftValue = value;
            }
        }

        @Override
        protected Task execute(final TaskContext context) {
            target.set(right, leftValue + rightValue);
            return null;
        }
    }
}

package dev.weft.workloads;

import dev.weft.fork.Forked;
import dev.weft.fork.ForkedLong;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.Task;
import dev.weft.fork.TaskContext;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Naive recursive Fibonacci with no sequential cut-off: one task per call, the classic measure of spawn overhead. The
 * class is stateless; every variant returns fib(n) once the whole computation has finished.
 *
 * <ul>
 *   <li>{@link #weftContinuations} and {@link #weftContinuationsWithoutReuse}: GTS-style continuations, with and
 *       without task reuse;</li>
 *   <li>{@link #weftForkJoin} and {@link #weftForkJoinLong}, {@link #weftForkJoinOnDemand} and
 *       {@link #weftForkJoinOnDemandLong}: weft's fork/join layer, with a lambda or the primitive long form, forking
 *       every call or only when another worker is hungry;</li>
 *   <li>{@link #weftOnDemand}: demand-driven splitting written out, Lazy Binary Splitting style;</li>
 *   <li>{@link #forkJoinPool} and {@link #forkJoinPoolOnSurplus}: ForkJoinPool's textbook {@code RecursiveTask} and
 *       its own demand idiom;</li>
 *   <li>{@link #sequential}: plain recursion, the baseline for the overhead ratio.</li>
 * </ul>
 */
public final class Fib {

    /*
     * Implementation overview
     *
     * - weftContinuations: fib(n) makes a continuation that adds two cells, spawns fib(n-1), and recycles itself as
     *   fib(n-2), its own bypass task; weftContinuationsWithoutReuse makes two fresh children per call instead, to
     *   measure what reuse saves.
     * - weftForkJoin uses context.fork and Forked.join, with a lambda capturing n; weftForkJoinLong the primitive
     *   fork(LongForkFunction, long) with a static method reference. weftForkJoinOnDemand uses context.forkOnDemand, which makes a
     *   task only when another worker is hungry and otherwise runs the call inline (demand-driven, lazy task creation);
     *   weftForkJoinOnDemandLong does the same through the primitive forkOnDemand(LongForkFunction, long), so a call
     *   that runs inline allocates nothing.
     * - weftOnDemand: each call asks context.hasDemand() and forks only if it is true, and otherwise recurses plainly,
     *   with no object at all.
     * - forkJoinPool forks one half and computes the other. forkJoinPoolOnSurplus is the fair anchor of the two
     *   demand-driven variants: each call forks only while ForkJoinTask.getSurplusQueuedTaskCount() is at most 3 (the
     *   value its javadoc suggests) and otherwise recurses plainly.
     */

    private Fib() {}

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
        final Sum result = new Sum(null, false);
        scheduler.spawnTaskAndWait(new FibTask(n, result, false));
        return result.value();
    }

    /**
     * Returns fib(n) computed GTS style without task reuse: each call allocates both children instead of recycling
     * itself as the second, the measure of what reuse saves.
     *
     * @param scheduler the scheduler
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long weftContinuationsWithoutReuse(final MicroScheduler scheduler, final int n) {
        final Sum result = new Sum(null, false);
        scheduler.spawnTaskAndWait(new FreshFibTask(n, result, false));
        return result.value();
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
     * Returns fib(n) computed with weft's fork/join layer through the primitive {@code fork(LongForkFunction, long)}:
     * a static method reference and a {@code long} argument, one 40-byte task per fork and no lambda.
     *
     * @param scheduler the scheduler
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long weftForkJoinLong(final MicroScheduler scheduler, final int n) {
        return scheduler.invoke(context -> forkJoinLong(context, n));
    }

    private static long forkJoinLong(final TaskContext context, final long n) {
        if (n < 2) {
            return n;
        }
        final ForkedLong left = context.fork(Fib::forkJoinLong, n - 1);
        final long right = forkJoinLong(context, n - 2);
        return left.join(context) + right;
    }

    /**
     * Returns fib(n) computed with weft's fork/join layer, forking only on demand ({@code TaskContext.forkOnDemand}).
     *
     * @param scheduler the scheduler
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long weftForkJoinOnDemand(final MicroScheduler scheduler, final int n) {
        return scheduler.invoke(context -> forkJoinOnDemand(context, n));
    }

    private static long forkJoinOnDemand(final TaskContext context, final int n) {
        if (n < 2) {
            return n;
        }
        final Forked<Long> left = context.forkOnDemand(c -> forkJoinOnDemand(c, n - 1));
        final long right = forkJoinOnDemand(context, n - 2);
        return left.join(context) + right;
    }

    /**
     * Returns fib(n) through the fork/join layer with the primitive {@code forkOnDemand(LongForkFunction, long)}: a
     * static method reference and a {@code long} argument, so a call that runs inline allocates nothing.
     *
     * @param scheduler the scheduler
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long weftForkJoinOnDemandLong(final MicroScheduler scheduler, final int n) {
        return scheduler.invoke(context -> forkJoinOnDemandLong(context, n));
    }

    private static long forkJoinOnDemandLong(final TaskContext context, final long n) {
        if (n < 2) {
            return n;
        }
        final ForkedLong left = context.forkOnDemand(Fib::forkJoinOnDemandLong, n - 1);
        final long right = forkJoinOnDemandLong(context, n - 2);
        return left.join(context) + right;
    }

    /**
     * Returns fib(n) with demand-driven splitting: a call forks its first half only while another worker is hungry
     * ({@code TaskContext.hasDemand()}), and otherwise recurses plainly.
     *
     * @param scheduler the scheduler
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long weftOnDemand(final MicroScheduler scheduler, final int n) {
        return scheduler.invoke(context -> onDemand(context, n));
    }

    private static long onDemand(final TaskContext context, final int n) {
        if (n < 2) {
            return n;
        }
        if (context.hasDemand()) {
            final Forked<Long> left = context.fork(c -> onDemand(c, n - 1));
            final long right = onDemand(context, n - 2);
            return left.join(context) + right;
        }
        return onDemand(context, n - 1) + onDemand(context, n - 2);
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

    /**
     * Returns fib(n) on a ForkJoinPool, forking only while this worker's surplus of queued tasks is small.
     *
     * @param pool the pool
     * @param n the index, at least 0
     * @return fib(n)
     */
    public static long forkJoinPoolOnSurplus(final ForkJoinPool pool, final int n) {
        return pool.invoke(new FjSurplusFib(n));
    }

    /**
     * fib(n) into one of two cells of a {@link Sum}, GTS style. A task with children makes a continuation (the sum of
     * its two halves), spawns fib(n-1) and then recycles itself as fib(n-2), which it returns as its own bypass
     * task: TBB's and GTS's "recycle as child", which saves one task per call.
     */
    private static final class FibTask extends Task {
        private int n;
        private Sum target;
        private boolean right;

        FibTask(final int n, final Sum target, final boolean right) {
            this.n = n;
            this.target = target;
            this.right = right;
        }

        @Override
        protected Task execute(final TaskContext context) {
            if (n < 2) {
                target.set(right, n);
                return null;
            }
            final Sum sum = new Sum(target, right);
            setContinuationTask(sum);
            sum.setRef(3);
            final FibTask left = new FibTask(n - 1, sum, false);
            sum.addChildTaskWithoutRef(left);
            context.spawn(left);
            n -= 2;
            target = sum;
            right = true;
            recycle();
            sum.addChildTaskWithoutRef(this);
            return this;
        }
    }

    /** fib(n) GTS style with two fresh children per call: the same as {@link FibTask} without the reuse. */
    private static final class FreshFibTask extends Task {
        private final int n;
        private final Sum target;
        private final boolean right;

        FreshFibTask(final int n, final Sum target, final boolean right) {
            this.n = n;
            this.target = target;
            this.right = right;
        }

        @Override
        protected Task execute(final TaskContext context) {
            if (n < 2) {
                target.set(right, n);
                return null;
            }
            final Sum sum = new Sum(target, right);
            setContinuationTask(sum);
            sum.setRef(3);
            final FreshFibTask left = new FreshFibTask(n - 1, sum, false);
            final FreshFibTask second = new FreshFibTask(n - 2, sum, true);
            sum.addChildTaskWithoutRef(left);
            sum.addChildTaskWithoutRef(second);
            context.spawn(left);
            return second;
        }
    }

    /** Adds the two halves of fib(n) into the parent's cell; the root's holder is never run. */
    private static final class Sum extends Task {
        private final Sum target;
        private final boolean right;
        private long leftValue;
        private long rightValue;

        Sum(final Sum target, final boolean right) {
            this.target = target;
            this.right = right;
        }

        void set(final boolean rightHalf, final long value) {
            if (rightHalf) {
                rightValue = value;
            } else {
                leftValue = value;
            }
        }

        long value() {
            return leftValue + rightValue;
        }

        @Override
        protected Task execute(final TaskContext context) {
            target.set(right, leftValue + rightValue);
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

    /** fib(n) that forks only while {@code getSurplusQueuedTaskCount() <= 3}, and otherwise recurses plainly. */
    private static final class FjSurplusFib extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private static final int SURPLUS = 3;
        private final int n;

        FjSurplusFib(final int n) {
            this.n = n;
        }

        @Override
        protected Long compute() {
            return onSurplus(n);
        }

        private static long onSurplus(final int n) {
            if (n < 2) {
                return n;
            }
            if (getSurplusQueuedTaskCount() <= SURPLUS) {
                final FjSurplusFib left = new FjSurplusFib(n - 1);
                left.fork();
                final long right = onSurplus(n - 2);
                return left.join() + right;
            }
            return onSurplus(n - 1) + onSurplus(n - 2);
        }
    }
}

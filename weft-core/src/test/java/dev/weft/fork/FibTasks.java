package dev.weft.fork;

/** Fibonacci in GTS's continuation style and in the fork/join style, shared by the tests. */
final class FibTasks {

    private FibTasks() {}

    /** Computes fib(n) into a cell: spawns fib(n-1), bypasses into fib(n-2), a continuation adds them. */
    static final class Fib extends Task {
        private final int n;
        private final long[] out;
        private final int slot;

        Fib(final int n, final long[] out, final int slot) {
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
            final Fib left = new Fib(n - 1, sum.parts, 0);
            final Fib right = new Fib(n - 2, sum.parts, 1);
            sum.setRef(3);
            sum.addChildTaskWithoutRef(left);
            sum.addChildTaskWithoutRef(right);
            context.spawn(left);
            return right;
        }
    }

    /** Adds two parts into the parent's cell. */
    static final class Sum extends Task {
        final long[] parts = new long[2];
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

    static final TaskKind<CachedFib> CACHED_FIB = TaskKind.of(CachedFib.class, CachedFib::new);
    static final TaskKind<CachedSum> CACHED_SUM = TaskKind.of(CachedSum.class, CachedSum::new);

    /**
     * fib(n) GTS style through the task cache: the continuation and the spawned half come from the worker's cache,
     * and the task recycles itself as the other half.
     */
    static final class CachedFib extends Task {
        int n;
        CachedSum target;
        boolean right;

        @Override
        protected Task execute(final TaskContext context) {
            if (n < 2) {
                target.set(right, n);
                return null;
            }
            final CachedSum sum = context.allocateTask(CACHED_SUM);
            sum.init(target, right);
            setContinuationTask(sum);
            sum.setRef(3);
            final CachedFib left = context.allocateTask(CACHED_FIB);
            left.n = n - 1;
            left.target = sum;
            left.right = false;
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

    /** Adds two halves into the parent's cell; the root's is never run. */
    static final class CachedSum extends Task {
        CachedSum target;
        boolean right;
        long leftValue;
        long rightValue;

        void init(final CachedSum parentSum, final boolean rightHalf) {
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

    static long fibCached(final MicroScheduler scheduler, final int n) {
        final CachedSum root = new CachedSum();
        final CachedFib fib = scheduler.allocateTask(CACHED_FIB);
        fib.n = n;
        fib.target = root;
        fib.right = false;
        scheduler.spawnTaskAndWait(fib);
        return root.leftValue + root.rightValue;
    }

    static long fibContinuations(final MicroScheduler scheduler, final int n) {
        final long[] out = new long[1];
        scheduler.spawnTaskAndWait(new Fib(n, out, 0));
        return out[0];
    }

    static long fibForkJoin(final TaskContext context, final int n) {
        if (n < 2) {
            return n;
        }
        final Forked<Long> left = context.fork(c -> fibForkJoin(c, n - 1));
        final long right = fibForkJoin(context, n - 2);
        return left.join(context) + right;
    }

    static long fibSequential(final int n) {
        return n < 2 ? n : fibSequential(n - 1) + fibSequential(n - 2);
    }
}

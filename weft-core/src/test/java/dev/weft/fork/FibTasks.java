package dev.weft.fork;

/** Fibonacci in GTS's continuation style and in the fork/join style, shared by the tests. */
final class FibTasks {

    private FibTasks() {
    }

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

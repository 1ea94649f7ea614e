package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The primitive fork, {@link TaskContext#fork(LongForkFunction, long)}: always a task, a {@code long} value. */
class ForkLongTest {

    private static long fib(final TaskContext context, final long n) throws Exception {
        if (n < 2) {
            return n;
        }
        final ForkedLong left = context.fork(ForkLongTest::fib, n - 1);
        final long right = fib(context, n - 2);
        return left.join(context) + right;
    }

    @Test
    void everyForkIsATaskWhoseValueReachesItsJoin() {
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long before = TestTasks.executed(scheduler);
            assertThat(scheduler.<Long>invoke(c -> fib(c, 20))).isEqualTo(6765L);
            assertThat(TestTasks.executed(scheduler) - before)
                    .as("the invoked root and one task per call with children (fib(21) - 1 of them)")
                    .isEqualTo(1 + FibTasks.fibSequential(21) - 1);
        }
    }

    @Test
    void manyWorkersComputeTheSameAnswers() {
        try (WorkerPool pool = WorkerPool.start(3)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            for (int n = 0; n <= 22; n++) {
                final int index = n;
                assertThat(scheduler.<Long>invoke(c -> fib(c, index)))
                        .as("fib(%d)", n)
                        .isEqualTo(FibTasks.fibSequential(n));
            }
        }
    }

    @Test
    void aStolenForkPassesItsArgumentAndValueAcrossThreads() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final AtomicReference<Thread> ranOn = new AtomicReference<>();
            final CountDownLatch started = new CountDownLatch(1);
            final AtomicReference<Thread> forker = new AtomicReference<>();
            final long value = scheduler.invoke(c -> {
                forker.set(Thread.currentThread());
                final ForkedLong forked = c.fork(
                        (inner, x) -> {
                            ranOn.set(Thread.currentThread());
                            started.countDown();
                            return x * 3;
                        },
                        14);
                if (!started.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no worker took the forked computation");
                }
                return forked.join(c);
            });
            assertThat(value).isEqualTo(42L);
            assertThat(ranOn.get()).as("the other worker stole it").isNotSameAs(forker.get());
        }
    }

    @Test
    void aFailureReachesTheJoinAndNotTheFork() {
        for (final int workers : new int[] {1, 2}) {
            try (WorkerPool pool = WorkerPool.start(workers)) {
                final MicroScheduler scheduler = MicroScheduler.start(pool);
                final int[] after = new int[1];
                assertThatThrownBy(() -> scheduler.invoke(c -> {
                            final ForkedLong bad = c.fork(
                                    (inner, x) -> {
                                        throw new IllegalStateException("long half broke at " + x);
                                    },
                                    7);
                            after[0] = 1;
                            return bad.join(c);
                        }))
                        .isInstanceOf(TaskFailedException.class)
                        .hasRootCauseMessage("long half broke at 7");
                assertThat(after[0]).as("the fork itself does not throw").isEqualTo(1);
            }
        }
    }
}

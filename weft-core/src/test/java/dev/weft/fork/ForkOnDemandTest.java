package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Demand-driven forking: {@link TaskContext#hasDemand()} and {@link TaskContext#forkOnDemand}. */
class ForkOnDemandTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private static long fib(final TaskContext context, final int n) {
        if (n < 2) {
            return n;
        }
        final Forked<Long> left = context.forkOnDemand(c -> fib(c, n - 1));
        final long right = fib(context, n - 2);
        return left.join(context) + right;
    }

    private static long fibLong(final TaskContext context, final long n) throws Exception {
        if (n < 2) {
            return n;
        }
        final ForkedLong left = context.forkOnDemand(ForkOnDemandTest::fibLong, n - 1);
        final long right = fibLong(context, n - 2);
        return left.join(context) + right;
    }

    @Test
    void onASingleWorkerNothingIsEverQueued() {
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long before = TestTasks.executed(scheduler);
            assertThat(scheduler.<Long>invoke(c -> fib(c, 20))).isEqualTo(6765L);
            assertThat(TestTasks.executed(scheduler) - before)
                    .as("only the invoked root is a task")
                    .isEqualTo(1);
            assertThat(scheduler.<Long>invoke(c -> fibLong(c, 20))).isEqualTo(6765L);
            assertThat(TestTasks.executed(scheduler) - before)
                    .as("only the invoked roots are tasks")
                    .isEqualTo(2);
            assertThat(scheduler.invoke(TaskContext::hasDemand)).isFalse();
        }
    }

    @Test
    void manyWorkersComputeTheSameAnswers() {
        try (WorkerPool pool = WorkerPool.start(3)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            for (int n = 0; n <= 22; n++) {
                final int index = n;
                final long a = FibTasks.fibSequential(n);
                assertThat(scheduler.<Long>invoke(c -> fib(c, index)))
                        .as("fib(%d)", n)
                        .isEqualTo(a);
                assertThat(scheduler.<Long>invoke(c -> fibLong(c, index)))
                        .as("long fib(%d)", n)
                        .isEqualTo(a);
            }
        }
    }

    @Test
    void aHungryWorkerGetsTheForkedHalf() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            scheduler.invoke(c -> fib(c, 15));
            await().atMost(LONG).pollInSameThread().until(() -> scheduler.invoke(TaskContext::hasDemand));
            final AtomicReference<Thread> leftThread = new AtomicReference<>();
            final CountDownLatch leftStarted = new CountDownLatch(1);
            final Thread master = Thread.currentThread();
            scheduler.invoke(c -> {
                assertThat(c.hasDemand()).isTrue();
                final Forked<Integer> left = c.forkOnDemand(inner -> {
                    leftThread.set(Thread.currentThread());
                    leftStarted.countDown();
                    return 1;
                });
                if (!leftStarted.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no worker took the forked half");
                }
                return left.join(c);
            });
            assertThat(leftThread.get())
                    .as("the hungry worker ran the half forked on demand")
                    .isNotSameAs(master);
        }
    }

    @Test
    void aTaskThatComesBackUnstolenAnswersTheDemand() throws Exception {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final CountDownLatch blockerRunning = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final Task blocker = TestTasks.of("blocker", c -> {
                blockerRunning.countDown();
                try {
                    release.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            blocker.setAffinity(1);
            scheduler.spawnTask(blocker);
            assertThat(blockerRunning.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                final boolean[] seen = new boolean[8];
                scheduler.invoke(c -> {
                    seen[0] = c.hasDemand();
                    final Forked<Integer> first = c.forkOnDemand(inner -> 1);
                    seen[1] = first.isDone();
                    first.join(c);
                    seen[2] = c.hasDemand();
                    seen[3] = c.forkOnDemand(inner -> 2).isDone();
                    c.local().marks().missed();
                    seen[4] = c.hasDemand();
                    final ForkedLong third = c.forkOnDemand((inner, x) -> x + 1, 2);
                    seen[5] = third.isDone();
                    seen[6] = third.join(c) == 3 && !c.hasDemand();
                    seen[7] = c.forkOnDemand((inner, x) -> x, 4).isDone();
                    return null;
                });
                assertThat(seen)
                        .as("demand, first done at fork, demand after join, second done at fork;"
                                + " the same for the long form")
                        .containsExactly(true, false, false, true, true, false, true, true);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void aWorkerThatGoesToSleepLeavesTheDemandUp() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            await().atMost(LONG).until(() -> pool.sleepingWorkerCount() == 1);
            final long sleeps = scheduler.workerStats().get(1).sleeps();
            scheduler.hasDemand(true);
            assertThat(scheduler.invoke(TaskContext::hasDemand)).as("cleared").isFalse();
            pool.wakeOne();
            await().atMost(LONG)
                    .until(() -> scheduler.workerStats().get(1).sleeps() > sleeps && pool.sleepingWorkerCount() == 1);
            assertThat(scheduler.invoke(TaskContext::hasDemand))
                    .as("raised by the worker that went to sleep")
                    .isTrue();
            assertThat(scheduler.<Long>invoke(c -> fib(c, 22))).isEqualTo(17711L);
        }
    }

    @Test
    void failuresAndValuesReachTheJoinOnBothPaths() {
        for (final int workers : new int[] {1, 2}) {
            try (WorkerPool pool = WorkerPool.start(workers)) {
                final MicroScheduler scheduler = MicroScheduler.start(pool);
                final int[] after = new int[1];
                assertThatThrownBy(() -> scheduler.invoke(c -> {
                            final Forked<Integer> bad = c.forkOnDemand(inner -> {
                                throw new IllegalStateException("left half broke");
                            });
                            after[0] = 1;
                            return bad.join(c);
                        }))
                        .isInstanceOf(TaskFailedException.class)
                        .hasRootCauseMessage("left half broke");
                assertThat(after[0]).as("the fork itself does not throw").isEqualTo(1);
                final String value =
                        scheduler.invoke(c -> c.forkOnDemand(inner -> "value").join(c));
                assertThat(value).isEqualTo("value");
                assertThatThrownBy(() -> scheduler.invoke(c -> {
                            final ForkedLong bad = c.forkOnDemand(
                                    (inner, x) -> {
                                        throw new IllegalStateException("long half broke at " + x);
                                    },
                                    7);
                            after[0] = 2;
                            return bad.join(c);
                        }))
                        .isInstanceOf(TaskFailedException.class)
                        .hasRootCauseMessage("long half broke at 7");
                assertThat(after[0]).as("the long fork itself does not throw").isEqualTo(2);
            }
        }
    }
}

package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.platform.OwnedId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** GTS's behaviour: priorities, boost, isolation, victims, affinity, failures, recycling, shutdown. */
class MicroSchedulerTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void higherPrioritiesRunFirstWithinAWorker() {
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).priorityCount(3).build());
            final List<Integer> order = new ArrayList<>();
            for (int priority = 2; priority >= 0; priority--) {
                for (int i = 0; i < 4; i++) {
                    final int p = priority;
                    scheduler.spawnTask(TestTasks.of("p" + p, c -> order.add(p)), p);
                }
            }
            scheduler.waitForAll();
            assertThat(order).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
        }
    }

    @Test
    void theBoostAgeBoundsStarvationInExecutions() {
        final int boostAge = 3;
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(MicroSchedulerConfig.builder(pool)
                    .priorityCount(2)
                    .priorityBoostAge(boostAge)
                    .build());
            final List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                scheduler.spawnTask(TestTasks.of("low", c -> order.add(1)), 1);
            }
            for (int i = 0; i < 30; i++) {
                scheduler.spawnTask(TestTasks.of("high", c -> order.add(0)), 0);
            }
            scheduler.waitForAll();
            assertThat(order).hasSize(34);
            int highRun = 0;
            int lowSeen = 0;
            for (final int priority : order) {
                if (priority == 0) {
                    highRun++;
                    if (lowSeen < 4) {
                        assertThat(highRun)
                                .as("high-priority tasks run in a row while low ones wait, in %s", order)
                                .isLessThanOrEqualTo(boostAge);
                    }
                } else {
                    highRun = 0;
                    lowSeen++;
                }
            }
            assertThat(order.subList(0, 4 * boostAge)).contains(1);
        }
    }

    @Test
    void withoutBoostLowPrioritiesWaitForAllHighOnes() {
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).priorityCount(2).build());
            final List<Integer> order = new ArrayList<>();
            scheduler.spawnTask(TestTasks.of("low", c -> order.add(1)), 1);
            for (int i = 0; i < 10; i++) {
                scheduler.spawnTask(TestTasks.of("high", c -> order.add(0)), 0);
            }
            scheduler.waitForAll();
            assertThat(order.get(order.size() - 1)).isEqualTo(1);
        }
    }

    @Test
    void aWaitInOneSchedulerNeverRunsAnotherSchedulersTasksUnlessItIsAVictim() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler a = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).name("A").build());
            final MicroScheduler b = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).name("B").build());
            b.setActive(false);
            final AtomicInteger bRan = new AtomicInteger();
            final int bTasks = 20;
            for (int i = 0; i < bTasks; i++) {
                b.spawnTask(TestTasks.of("b", c -> bRan.incrementAndGet()));
            }
            final AtomicInteger aRan = new AtomicInteger();
            final EmptyTask root = new EmptyTask();
            root.setRef(2 + 50);
            for (int i = 0; i < 50; i++) {
                final Task child = TestTasks.of("a", c -> aRan.incrementAndGet());
                root.addChildTaskWithoutRef(child);
                a.spawnTask(child);
            }
            a.waitFor(root);
            assertThat(aRan).hasValue(50);
            assertThat(bRan).as("B's tasks while A waited and B is no victim").hasValue(0);

            a.addExternalVictim(b);
            final Task waitsForB =
                    TestTasks.of("waits for B", c -> await().atMost(LONG).until(() -> bRan.get() == bTasks));
            waitsForB.setAffinity(1);
            a.spawnTaskAndWait(waitsForB);
            assertThat(bRan).hasValue(bTasks);
        }
    }

    @Test
    void externalVictimsMustFormADag() {
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler a = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).name("A").build());
            final MicroScheduler b = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).name("B").build());
            final MicroScheduler c = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).name("C").build());
            a.addExternalVictim(b);
            b.addExternalVictim(c);
            assertThatThrownBy(() -> c.addExternalVictim(a))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cycle C -> A -> B -> C");
            a.addExternalVictim(c);
            assertThatThrownBy(() -> a.addExternalVictim(a))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("its own external victim");
            assertThat(a.externalVictimList()).containsExactly(b, c);
            assertThat(a.removeExternalVictim(b)).isTrue();
            assertThat(a.removeExternalVictim(b)).isFalse();
            b.removeExternalVictim(c);
            a.removeExternalVictim(c);
            c.addExternalVictim(a);
            assertThat(c.externalVictimList()).containsExactly(a);
        }
    }

    @Test
    void affinityPinsATaskToItsWorker() {
        try (WorkerPool pool = WorkerPool.start(3)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            for (int worker = 0; worker < 3; worker++) {
                final AtomicInteger ranOn = new AtomicInteger(-1);
                final Task task = TestTasks.of("pinned", c -> ranOn.set(c.workerIndex()));
                task.setAffinity(worker);
                final int expected = worker;
                final CompletableFuture<Void> outside =
                        CompletableFuture.runAsync(() -> scheduler.spawnTaskAndWait(task), Runnable::run);
                outside.join();
                assertThat(ranOn)
                        .as("worker of the task pinned to %d", expected)
                        .hasValue(expected);
            }
            final Task tooFar = TestTasks.of("too far", c -> {});
            tooFar.setAffinity(3);
            assertThatThrownBy(() -> scheduler.spawnTask(tooFar))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("affinity to worker 3");
        }
    }

    @Test
    void failuresReachTheWaiterAndTheWorkerSurvives() {
        final ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
        final WorkerPoolConfig desc = WorkerPoolConfig.builder("fail", 2)
                .uncaughtTaskHandler((s, t, e) -> uncaught.add(e))
                .build();
        try (WorkerPool pool = WorkerPool.start(desc)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final IllegalStateException boom = new IllegalStateException("boom");
            assertThatThrownBy(() -> scheduler.spawnTaskAndWait(TestTasks.failing("bad", boom)))
                    .isInstanceOf(TaskFailedException.class)
                    .hasCause(boom)
                    .hasMessageContaining("boom");

            final AtomicInteger continuationRan = new AtomicInteger();
            final Task withContinuation = new Task() {
                @Override
                protected Task execute(final TaskContext context) {
                    final Task continuation = TestTasks.of("continuation", x -> continuationRan.incrementAndGet());
                    setContinuationTask(continuation);
                    final Task bad = TestTasks.failing("child", new IllegalArgumentException("child failed"));
                    continuation.setRef(2);
                    continuation.addChildTaskWithoutRef(bad);
                    context.spawn(bad);
                    return null;
                }
            };
            assertThatThrownBy(() -> scheduler.spawnTaskAndWait(withContinuation))
                    .isInstanceOf(TaskFailedException.class)
                    .hasRootCauseMessage("child failed");
            assertThat(continuationRan)
                    .as("a continuation whose child failed does not run")
                    .hasValue(0);

            scheduler.spawnTask(TestTasks.failing("root", new UnsupportedOperationException("nobody waits")));
            await().atMost(LONG).until(() -> !uncaught.isEmpty());
            assertThat(uncaught.peek()).hasMessage("nobody waits");

            assertThatThrownBy(() -> scheduler.<Integer>invoke(c -> {
                        throw new java.io.IOException("checked");
                    }))
                    .isInstanceOf(TaskFailedException.class)
                    .hasCauseInstanceOf(java.io.IOException.class);
            assertThat(scheduler.<Long>invoke(c -> FibTasks.fibForkJoin(c, 15))).isEqualTo(610L);
            assertThat(scheduler.invoke(() -> "callable")).isEqualTo("callable");
            assertThatThrownBy(() -> scheduler.invoke(() -> {
                        throw new java.util.concurrent.TimeoutException("from a callable");
                    }))
                    .isInstanceOf(TaskFailedException.class)
                    .hasRootCauseMessage("from a callable");
        }
    }

    @Test
    void aRecycledTaskRunsAgainUntilItStops() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            for (final boolean asBypass : new boolean[] {false, true}) {
                final AtomicInteger runs = new AtomicInteger();
                final Task recycling = new Task() {
                    @Override
                    protected Task execute(final TaskContext context) {
                        if (runs.incrementAndGet() < 5) {
                            recycle();
                            return asBypass ? this : null;
                        }
                        return null;
                    }
                };
                scheduler.spawnTaskAndWait(recycling);
                assertThat(runs).hasValue(5);
            }
        }
    }

    @Test
    void theParallelForVisitsEveryIndexOnce() {
        try (WorkerPool pool = WorkerPool.start(3)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final AtomicIntegerArray hits = new AtomicIntegerArray(10_000);
            scheduler.parallelFor(0, 10_000, 16, hits::incrementAndGet);
            for (int i = 0; i < hits.length(); i++) {
                assertThat(hits.get(i)).isEqualTo(1);
            }
            assertThatThrownBy(() -> scheduler.parallelFor(0, 10, 0, i -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("grain 0");
            assertThatThrownBy(() -> scheduler.parallelFor(0, 100, 1, i -> {
                        if (i == 57) {
                            throw new IllegalStateException("index 57");
                        }
                    }))
                    .isInstanceOf(TaskFailedException.class)
                    .hasRootCauseMessage("index 57");
        }
    }

    @Test
    void callbacksHandOutTasksOnTheLastChanceSearch() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final EmptyTask root = new EmptyTask();
            final ConcurrentLinkedQueue<Task> outside = new ConcurrentLinkedQueue<>();
            final AtomicInteger ran = new AtomicInteger();
            root.setRef(2 + 10);
            for (int i = 0; i < 10; i++) {
                final Task task = TestTasks.of("from callback", c -> ran.incrementAndGet());
                root.addChildTaskWithoutRef(task);
                outside.add(task);
            }
            final CheckForTaskCallback callback = context -> outside.poll();
            scheduler.registerCallback(callback);
            scheduler.waitFor(root);
            assertThat(ran).hasValue(10);
            assertThat(scheduler.unregisterCallback(callback)).isTrue();
            assertThat(scheduler.unregisterCallback(callback)).isFalse();
        }
    }

    @Test
    void idsVisitorsAndDemandFollowGts() throws Exception {
        final List<OwnedId> started = Collections.synchronizedList(new ArrayList<>());
        final List<OwnedId> exited = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch allStarted = new CountDownLatch(2);
        final WorkerPoolVisitor visitor = new WorkerPoolVisitor() {
            @Override
            public void onThreadStart(final OwnedId workerId) {
                started.add(workerId);
                allStarted.countDown();
            }

            @Override
            public void onThreadExit(final OwnedId workerId) {
                exited.add(workerId);
            }
        };
        final WorkerPool pool = WorkerPool.start(
                WorkerPoolConfig.builder("ids", 3).visitor(visitor).build());
        final MicroScheduler scheduler = MicroScheduler.start(pool);
        assertThat(allStarted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.thisWorkerId()).isEqualTo(OwnedId.of(pool.id(), 0));
        assertThat(scheduler.thisWorkerId()).isEqualTo(OwnedId.of(scheduler.id(), 0));
        assertThat(pool.workerIds())
                .containsExactly(OwnedId.of(pool.id(), 0), OwnedId.of(pool.id(), 1), OwnedId.of(pool.id(), 2));
        assertThat(started).containsExactlyInAnyOrder(OwnedId.of(pool.id(), 1), OwnedId.of(pool.id(), 2));
        final OwnedId[] fromTask = new OwnedId[1];
        scheduler.spawnTaskAndWait(TestTasks.of("id", c -> fromTask[0] = c.localSchedulerId()));
        assertThat(fromTask[0]).isEqualTo(OwnedId.of(scheduler.id(), 0));
        assertThat(CompletableFuture.supplyAsync(pool::thisWorkerId).get()).isEqualTo(OwnedId.UNKNOWN);
        await().atMost(LONG).until(() -> scheduler.hasDemand(false));
        pool.shutdown();
        assertThat(exited).containsExactlyInAnyOrder(OwnedId.of(pool.id(), 1), OwnedId.of(pool.id(), 2));
        assertThat(pool.ownedThreads()).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> scheduler.spawnTask(TestTasks.of("late", c -> {})))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shut down");
    }

    @Test
    void shutdownEndsEveryPendingTaskExactlyOnce() throws Exception {
        final WorkerPool pool = WorkerPool.start(2);
        final MicroScheduler scheduler = MicroScheduler.start(pool);
        final CountDownLatch blockerStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> scheduler.spawnTask(TestTasks.of("blocker", c -> {
                    blockerStarted.countDown();
                    try {
                        release.await();
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })))
                .join();
        assertThat(blockerStarted.await(30, TimeUnit.SECONDS)).isTrue();
        final int n = 100;
        final AtomicIntegerArray runs = new AtomicIntegerArray(n);
        final List<Task> tasks = new ArrayList<>();
        CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < n; i++) {
                        final int index = i;
                        final Task task = TestTasks.of("pending " + i, c -> runs.incrementAndGet(index));
                        tasks.add(task);
                        scheduler.spawnTask(task);
                    }
                })
                .join();
        final Task waitedOn = TestTasks.of("waited on", c -> {});
        final CompletableFuture<Throwable> waiterOutcome = new CompletableFuture<>();
        final Thread waiter = new Thread(() -> {
            try {
                scheduler.spawnTaskAndWait(waitedOn);
                waiterOutcome.complete(null);
            } catch (final Throwable e) {
                waiterOutcome.complete(e);
            }
        });
        waiter.start();
        await().atMost(LONG).until(() -> waitedOn.parent() != null && scheduler.hasTasks());
        final CompletableFuture<List<Task>> cancelled = CompletableFuture.supplyAsync(scheduler::shutdown);
        await().atMost(LONG).until(() -> !scheduler.isRunning());
        release.countDown();
        final List<Task> never = cancelled.get(30, TimeUnit.SECONDS);
        waiter.join();
        int ran = 0;
        for (int i = 0; i < n; i++) {
            final boolean wasCancelled = never.contains(tasks.get(i));
            assertThat(runs.get(i) + (wasCancelled ? 1 : 0))
                    .as("outcomes of task %d", i)
                    .isEqualTo(1);
            ran += runs.get(i);
        }
        assertThat(ran).isLessThan(n);
        final Throwable outcome = waiterOutcome.get();
        if (never.contains(waitedOn)) {
            assertThat(outcome).isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(CancellationException.class);
        } else {
            assertThat(outcome).isNull();
        }
        assertThat(scheduler.shutdown()).isEmpty();
        pool.shutdown();
    }

    @Test
    void manyPoolsAndSchedulersLeakNoThreads() {
        for (int round = 0; round < 20; round++) {
            final WorkerPool pool =
                    WorkerPool.start(WorkerPoolConfig.builder("leak-check", 3).build());
            final MicroScheduler first = MicroScheduler.start(pool);
            final MicroScheduler second = MicroScheduler.start(pool);
            assertThat(first.<Long>invoke(c -> FibTasks.fibForkJoin(c, 12))).isEqualTo(144L);
            assertThat(second.<Long>invoke(c -> FibTasks.fibForkJoin(c, 10))).isEqualTo(55L);
            if (round % 2 == 0) {
                first.shutdown();
            }
            pool.shutdown();
            assertThat(pool.isRunning()).isFalse();
        }
        assertThat(ForkExecutorServiceTest.liveThreadsNamed("leak-check")).isEmpty();
    }

    @Test
    void aHaltedPoolRunsNothingUntilResumed() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            await().atMost(LONG).until(() -> pool.workerThreadIds().stream().allMatch(tid -> tid > 0));
            assertThat(pool.workerThreadIds()).hasSize(2).doesNotHaveDuplicates();
            pool.halt();
            assertThat(pool.isHalted()).isTrue();
            final AtomicInteger ran = new AtomicInteger();
            CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < 10; i++) {
                            scheduler.spawnTask(TestTasks.of("while halted", c -> ran.incrementAndGet()));
                        }
                    })
                    .join();
            await().during(Duration.ofMillis(200)).atMost(LONG).until(() -> ran.get() == 0);
            pool.resume();
            await().atMost(LONG).until(() -> ran.get() == 10);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(
                    MicroSchedulerConfig.builder(pool).priorityCount(2).build());
            assertThatThrownBy(() -> scheduler.spawnTask(TestTasks.of("x", c -> {}), 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("priority 2 is outside [0, 2)");
            assertThatThrownBy(() ->
                            MicroSchedulerConfig.builder(pool).priorityCount(0).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("priorityCount 0");
            assertThatThrownBy(() -> MicroSchedulerConfig.builder(pool)
                            .priorityBoostAge(0)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("priorityBoostAge 0");
            assertThatThrownBy(() -> WorkerPool.start(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1 worker");
            final Task task = TestTasks.of("t", c -> {});
            assertThatThrownBy(() -> task.addChildTaskWithRef(task)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> task.setRef(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("below 1");
            assertThatThrownBy(() -> task.setAffinity(-2)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.concurrent.ScheduledTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The {@link ExecutorService} contract, checked on {@link ForkExecutorService}. */
class ForkExecutorServiceTest {

    private static final long LONG = 30;

    @Test
    void executeAndSubmitRunEachTaskExactlyOnce() throws Exception {
        try (ExecutorService service = new ForkExecutorService(2)) {
            final int n = 10_000;
            final AtomicIntegerArray runs = new AtomicIntegerArray(n);
            final CountDownLatch done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                final int index = i;
                service.execute(() -> {
                    runs.incrementAndGet(index);
                    done.countDown();
                });
            }
            assertThat(done.await(LONG, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < n; i++) {
                assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
            }
            assertThat(service.submit(() -> 42).get(LONG, TimeUnit.SECONDS)).isEqualTo(42);
            assertThat(service.submit(() -> {}).get(LONG, TimeUnit.SECONDS)).isNull();
            assertThat(service.submit(() -> {}, "done").get(LONG, TimeUnit.SECONDS))
                    .isEqualTo("done");
        }
    }

    @Test
    void nullArgumentsAreRejected() throws Exception {
        try (ExecutorService service = new ForkExecutorService(1)) {
            assertThatThrownBy(() -> service.execute(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> service.submit((Runnable) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> service.submit((Callable<Integer>) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> service.invokeAll(null)).isInstanceOf(NullPointerException.class);
            final List<Callable<Integer>> withNull = new ArrayList<>();
            withNull.add(() -> 1);
            withNull.add(null);
            assertThatThrownBy(() -> service.invokeAll(withNull)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> service.invokeAny(withNull)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> service.awaitTermination(1, null)).isInstanceOf(NullPointerException.class);
        }
        assertThatThrownBy(() -> new ForkExecutorService(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism 0");
    }

    @Test
    void failuresReachTheFutureAndTheWorkersSurvive() throws Exception {
        try (ExecutorService service = new ForkExecutorService(2)) {
            final Future<Integer> failed = service.submit(() -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(() -> failed.get(LONG, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("boom");
            assertThat(service.submit(() -> 7).get(LONG, TimeUnit.SECONDS)).isEqualTo(7);
        }
    }

    @Test
    void invokeAllReturnsCompletedFuturesInOrder() throws Exception {
        try (ExecutorService service = new ForkExecutorService(2)) {
            final List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                final int value = i;
                tasks.add(() -> value * value);
            }
            final List<Future<Integer>> futures = service.invokeAll(tasks);
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).isDone()).isTrue();
                assertThat(futures.get(i).get()).isEqualTo(i * i);
            }
        }
    }

    @Test
    void invokeAllWithTimeoutCancelsWhatDidNotFinish() throws Exception {
        final CountDownLatch never = new CountDownLatch(1);
        final ExecutorService service = new ForkExecutorService(1);
        try {
            final List<Callable<Integer>> tasks = List.of(() -> 1, () -> {
                never.await();
                return 2;
            });
            final List<Future<Integer>> futures = service.invokeAll(tasks, 200, TimeUnit.MILLISECONDS);
            assertThat(futures).hasSize(2).allMatch(Future::isDone);
            assertThat(futures.get(1).isCancelled()).isTrue();
            assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(CancellationException.class);
        } finally {
            never.countDown();
            service.shutdown();
            assertThat(service.awaitTermination(LONG, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void invokeAnyReturnsASuccessAndReportsAllFailures() throws Exception {
        try (ExecutorService service = new ForkExecutorService(2)) {
            final Integer any = service.invokeAny(List.of(
                    () -> {
                        throw new IllegalStateException("first fails");
                    },
                    () -> 5));
            assertThat(any).isEqualTo(5);
            assertThatThrownBy(() -> service.invokeAny(List.<Callable<Integer>>of(() -> {
                        throw new IllegalStateException("all fail");
                    })))
                    .isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> service.invokeAny(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void invokeAnyTimesOut() throws Exception {
        final CountDownLatch never = new CountDownLatch(1);
        final ExecutorService service = new ForkExecutorService(1);
        try {
            assertThatThrownBy(() -> service.invokeAny(
                            List.<Callable<Integer>>of(() -> {
                                never.await();
                                return 1;
                            }),
                            100,
                            TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
        } finally {
            never.countDown();
            service.shutdown();
            assertThat(service.awaitTermination(LONG, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void shutdownRejectsNewWorkFinishesOldWorkAndEndsTheThreads() throws Exception {
        final ForkExecutorService service = new ForkExecutorService(2);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            service.execute(() -> {
                try {
                    release.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.incrementAndGet();
            });
        }
        service.shutdown();
        assertThat(service.isShutdown()).isTrue();
        assertThatThrownBy(() -> service.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shut down");
        assertThat(service.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(service.isTerminated()).isFalse();
        release.countDown();
        assertThat(service.awaitTermination(LONG, TimeUnit.SECONDS)).isTrue();
        assertThat(service.isTerminated()).isTrue();
        assertThat(ran).hasValue(20);
        assertThat(liveThreadsNamed("weft-executor-worker")).isEmpty();
    }

    @Test
    void shutdownNowReturnsTheUnstartedAndInterruptsTheRunning() throws Exception {
        final ForkExecutorService service = new ForkExecutorService(1);
        final CountDownLatch started = new CountDownLatch(1);
        final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        service.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                interrupted.complete(false);
            } catch (final InterruptedException e) {
                interrupted.complete(true);
            }
        });
        assertThat(started.await(LONG, TimeUnit.SECONDS)).isTrue();
        final AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            service.execute(ran::incrementAndGet);
        }
        final List<Runnable> never = service.shutdownNow();
        assertThat(interrupted.get(LONG, TimeUnit.SECONDS)).isTrue();
        assertThat(service.awaitTermination(LONG, TimeUnit.SECONDS)).isTrue();
        assertThat(never.size() + ran.get()).isEqualTo(10);
        assertThat(never).isNotEmpty();
    }

    @Test
    void closeWaitsForSubmittedTasks() {
        final AtomicInteger ran = new AtomicInteger();
        final ForkExecutorService service = new ForkExecutorService(2);
        try (service) {
            for (int i = 0; i < 100; i++) {
                service.execute(ran::incrementAndGet);
            }
        }
        assertThat(ran).hasValue(100);
        assertThat(service.isTerminated()).isTrue();
    }

    @Test
    void awaitTerminationObeysInterrupts() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final ForkExecutorService service = new ForkExecutorService(1);
        service.execute(() -> {
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        service.shutdown();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> service.awaitTermination(LONG, TimeUnit.SECONDS))
                .isInstanceOf(InterruptedException.class);
        release.countDown();
        assertThat(service.awaitTermination(LONG, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void worksAsTheExecutorOfCompletableFuturesAndNestedSubmissions() throws Exception {
        try (ExecutorService service = new ForkExecutorService(2)) {
            final CompletableFuture<Integer> chain = CompletableFuture.supplyAsync(() -> 20, service)
                    .thenApplyAsync(v -> v + 1, service)
                    .thenApplyAsync(v -> v * 2, service);
            assertThat(chain.get(LONG, TimeUnit.SECONDS)).isEqualTo(42);
            final Set<String> threads = ConcurrentHashMap.newKeySet();
            final Future<Integer> nested = service.submit(() -> {
                threads.add(Thread.currentThread().getName());
                final Future<Integer> inner = service.submit(() -> {
                    threads.add(Thread.currentThread().getName());
                    return 1;
                });
                return inner.get() + 1;
            });
            assertThat(nested.get(LONG, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(threads).allMatch(name -> name.startsWith("weft-executor-worker"));
        }
    }

    @Test
    void aServiceOnAGivenPoolLeavesThePoolRunning() throws Exception {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final ForkExecutorService service = new ForkExecutorService(pool, scheduler);
            assertThat(service.submit(() -> 3).get(LONG, TimeUnit.SECONDS)).isEqualTo(3);
            final EmptyTask othersWork = new EmptyTask();
            othersWork.setRef(3);
            final AtomicInteger othersRan = new AtomicInteger();
            final Task other = TestTasks.of("not the service's", c -> othersRan.incrementAndGet());
            othersWork.addChildTaskWithoutRef(other);
            scheduler.spawnTask(other);
            assertThat(service.shutdownNow()).isEmpty();
            scheduler.waitFor(othersWork);
            assertThat(othersRan).hasValue(1);
            assertThat(service.awaitTermination(LONG, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.isRunning()).isTrue();
            assertThat(scheduler.<Integer>invoke(c -> 4)).isEqualTo(4);
            final MicroScheduler elsewhere = MicroScheduler.start(WorkerPool.start(1));
            assertThatThrownBy(() -> new ForkExecutorService(pool, elsewhere))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("runs on pool");
            elsewhere.pool().shutdown();
        }
    }

    static List<Thread> liveThreadsNamed(final String prefix) {
        final List<Thread> live = new ArrayList<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix) && thread.isAlive()) {
                live.add(thread);
            }
        }
        return live;
    }

    @Test
    void aDelayedTaskHandedOverEarlyNeverRunsBeforeItsDueTime() throws Exception {
        try (ForkExecutorService service = new ForkExecutorService(2)) {
            final int n = 200;
            final long[] ranAt = new long[n];
            final List<ScheduledTask<?>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final int index = i;
                final long delayNanos = (i % 5) * (DelayScheduler.DEFAULT_LEAD_NANOS / 2);
                tasks.add((ScheduledTask<?>)
                        service.schedule(() -> ranAt[index] = System.nanoTime(), delayNanos, TimeUnit.NANOSECONDS));
            }
            for (int i = 0; i < n; i++) {
                tasks.get(i).get(LONG, TimeUnit.SECONDS);
                assertThat(ranAt[i] - tasks.get(i).dueNanos())
                        .as("how late task %d ran", i)
                        .isNotNegative();
            }
        }
    }

    @Test
    void cancelDelayedTasksOnShutdownCancelsWhatWaits() throws Exception {
        final ForkExecutorService service = new ForkExecutorService(1);
        service.cancelDelayedTasksOnShutdown();
        assertThat(service.delayedTaskPolicy().isExecuteExistingDelayedTasksAfterShutdown())
                .isFalse();
        final ScheduledFuture<?> delayed = service.schedule(() -> {}, 1, TimeUnit.DAYS);
        final ScheduledFuture<?> periodic = service.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.DAYS);
        service.shutdown();
        assertThat(delayed.isCancelled()).isTrue();
        assertThat(periodic.isCancelled()).isTrue();
        assertThat(service.awaitTermination(LONG, TimeUnit.SECONDS)).isTrue();
    }
}

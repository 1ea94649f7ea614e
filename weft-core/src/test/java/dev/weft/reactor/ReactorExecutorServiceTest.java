package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ExecutorService contract, in the manner of the JSR-166 TCK's ExecutorService tests. */
class ReactorExecutorServiceTest {

    private final ReactorExecutorService executor = new ReactorExecutorService(2);

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void executeRunsTheTaskOnAReactorThread() throws Exception {
        final CountDownLatch ran = new CountDownLatch(1);
        final String[] thread = new String[1];
        executor.execute(() -> {
            thread[0] = Thread.currentThread().getName();
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(thread[0]).startsWith("weft-executor-reactor-");
    }

    @Test
    void submitReturnsResultsAndExceptions() throws Exception {
        assertThat(executor.submit(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(executor.submit(() -> {}).get(10, TimeUnit.SECONDS)).isNull();
        assertThat(executor.submit(() -> {}, "done").get(10, TimeUnit.SECONDS)).isEqualTo("done");
        final Future<Object> failing = executor.submit(() -> {
            throw new ArithmeticException("bad");
        });
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> executor.execute(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> executor.submit((Callable<?>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> executor.invokeAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> executor.invokeAny(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ReactorExecutorService(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void invokeAllReturnsEveryFutureDoneInOrder() throws Exception {
        final List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            final int n = i;
            tasks.add(() -> n * n);
        }
        final List<Future<Integer>> results = executor.invokeAll(tasks);
        assertThat(results).hasSize(50).allMatch(Future::isDone);
        for (int i = 0; i < 50; i++) {
            assertThat(results.get(i).get()).isEqualTo(i * i);
        }
        assertThat(executor.invokeAll(List.<Callable<Integer>>of())).isEmpty();
    }

    @Test
    void timedInvokeAllCancelsWhatDidNotFinish() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Callable<String>> tasks = List.of(() -> "quick", () -> {
            release.await(30, TimeUnit.SECONDS);
            return "slow";
        });
        final List<Future<String>> results = executor.invokeAll(tasks, 100, TimeUnit.MILLISECONDS);
        release.countDown();
        assertThat(results.get(0).get()).isEqualTo("quick");
        assertThat(results.get(1).isCancelled()).isTrue();
        assertThatThrownBy(() -> results.get(1).get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void invokeAnyReturnsOneSuccessOrTheFailure() throws Exception {
        final List<Callable<String>> same = List.of(() -> "a", () -> "a");
        assertThat(executor.invokeAny(same)).isEqualTo("a");
        assertThatThrownBy(() -> executor.invokeAny(List.<Callable<String>>of(() -> {
                    throw new IllegalStateException("x");
                })))
                .isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> executor.invokeAny(List.<Callable<String>>of()))
                .isInstanceOf(IllegalArgumentException.class);
        final CountDownLatch release = new CountDownLatch(1);
        assertThatThrownBy(() -> executor.invokeAny(
                        List.<Callable<String>>of(() -> {
                            release.await(30, TimeUnit.SECONDS);
                            return "late";
                        }),
                        50,
                        TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
        release.countDown();
    }

    @Test
    void shutdownRunsAcceptedTasksThenRefusesAndTerminates() throws Exception {
        final AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            executor.execute(ran::incrementAndGet);
        }
        executor.shutdown();
        assertThat(executor.isShutdown()).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(ran.get()).isEqualTo(1000);
        assertThat(executor.group().isStopped()).isTrue();
    }

    @Test
    void awaitTerminationTimesOutWhileATaskRuns() throws Exception {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();
        assertThat(executor.awaitTermination(20, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(executor.isTerminated()).isFalse();
        release.countDown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndReturnsEveryQueuedOneExactlyOnce() throws Exception {
        final CountDownLatch started = new CountDownLatch(2);
        final AtomicBoolean interrupted = new AtomicBoolean();
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    interrupted.set(true);
                }
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        final Set<Runnable> ran = ConcurrentHashMap.newKeySet();
        final List<Runnable> submitted = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            final Runnable[] self = new Runnable[1];
            self[0] = () -> ran.add(self[0]);
            submitted.add(self[0]);
            executor.execute(self[0]);
        }
        final List<Runnable> never = executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(never).doesNotHaveDuplicates();
        assertThat(never.size() + ran.size()).isEqualTo(500);
        assertThat(never).noneMatch(ran::contains);
        assertThat(submitted).containsAll(never);
    }

    @Test
    void closeWaitsForTasks() {
        final AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            executor.execute(ran::incrementAndGet);
        }
        executor.close();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(ran.get()).isEqualTo(100);
    }

    @Test
    void cancelledFuturesDoNotRunAndManyPostersLoseNothing() throws Exception {
        final AtomicInteger ran = new AtomicInteger();
        final Thread[] posters = new Thread[4];
        for (int p = 0; p < posters.length; p++) {
            posters[p] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 25_000; i++) {
                    executor.execute(ran::incrementAndGet);
                }
            });
        }
        for (final Thread poster : posters) {
            poster.join();
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(100_000);
    }

    @Test
    void aCancelledQueuedFutureNeverRuns() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        final AtomicBoolean ran = new AtomicBoolean();
        final Future<?> future = executor.submit(() -> ran.set(true));
        assertThat(future.cancel(false)).isTrue();
        release.countDown();
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void scheduledTasksRunOnTheReactorThreadsAsTheirStrandsTimers() throws Exception {
        final Set<String> before = threadNames();
        final ScheduledFuture<String> future =
                executor.schedule(() -> Thread.currentThread().getName(), 5, TimeUnit.MILLISECONDS);
        assertThat(future.get(10, TimeUnit.SECONDS)).startsWith("weft-executor-reactor-");
        assertThat(threadNames()).as("no weft thread was started for the timer").isSubsetOf(before);
        assertThat(executor.group().reactors())
                .allSatisfy(r -> assertThat(r.mode()).isEqualTo(ReactorMode.INTERRUPT));
    }

    @Test
    void cancelDelayedTasksOnShutdownCancelsWhatWaits() throws Exception {
        executor.cancelDelayedTasksOnShutdown();
        assertThat(executor.delayedTaskPolicy().isExecuteExistingDelayedTasksAfterShutdown())
                .isFalse();
        final ScheduledFuture<?> delayed = executor.schedule(() -> {}, 1, TimeUnit.DAYS);
        final ScheduledFuture<?> periodic = executor.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.DAYS);
        executor.shutdown();
        assertThat(delayed.isCancelled()).isTrue();
        assertThat(periodic.isCancelled()).isTrue();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static Set<String> threadNames() {
        final Set<String> names = new java.util.HashSet<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("weft")) {
                names.add(thread.getName());
            }
        }
        return names;
    }
}

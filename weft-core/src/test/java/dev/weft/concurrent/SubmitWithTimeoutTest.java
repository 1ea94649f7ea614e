package dev.weft.concurrent;

import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MICROSECONDS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.fork.ForkExecutorService;
import dev.weft.reactor.ReactorExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link WeftExecutorService#submitWithTimeout} on both weft executors, with two threads each. */
class SubmitWithTimeoutTest {

    static Stream<Arguments> executors() {
        final IntFunction<WeftExecutorService> fork = ForkExecutorService::new;
        final IntFunction<WeftExecutorService> reactor = ReactorExecutorService::new;
        return Stream.of(Arguments.of("fork", fork), Arguments.of("reactor", reactor));
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            assertThat(latch.await(30, SECONDS)).isTrue();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(final WeftExecutorService executor) throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, SECONDS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void aTaskThatCompletesInTimeNeverSeesItsActionAndLeavesNoTimer(
            final String name, final IntFunction<WeftExecutorService> factory) throws Exception {
        final WeftExecutorService executor = factory.apply(2);
        final AtomicInteger actions = new AtomicInteger();
        final Future<String> future =
                executor.submitWithTimeout(() -> "done", 1, HOURS, f -> actions.incrementAndGet());
        assertThat(future.get(30, SECONDS)).isEqualTo("done");
        executor.shutdown();
        // the default policy keeps delayed tasks after shutdown: a timer left behind would hold termination an hour
        assertThat(executor.awaitTermination(30, SECONDS)).isTrue();
        assertThat(actions).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void withoutAnActionATaskThatTimesOutIsCancelledAndInterruptedIfItRuns(
            final String name, final IntFunction<WeftExecutorService> factory) throws Exception {
        final WeftExecutorService executor = factory.apply(2);
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);
        try {
            final Future<String> future = executor.submitWithTimeout(
                    () -> {
                        started.countDown();
                        try {
                            never.await();
                            return "not cancelled";
                        } catch (final InterruptedException e) {
                            interrupted.countDown();
                            throw e;
                        }
                    },
                    20,
                    MILLISECONDS,
                    null);
            assertThatThrownBy(() -> future.get(30, SECONDS)).isInstanceOf(CancellationException.class);
            assertThat(future.isCancelled()).isTrue();
            if (started.getCount() == 0) {
                // it was running when cancelled (a loaded machine may not have started it in 20 ms)
                assertThat(interrupted.await(30, SECONDS)).isTrue();
            }
        } finally {
            close(executor);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void anActionRunsExactlyOnceWithTheTasksFutureAndTheTaskIsInterrupted(
            final String name, final IntFunction<WeftExecutorService> factory) throws Exception {
        final WeftExecutorService executor = factory.apply(2);
        final AtomicInteger actions = new AtomicInteger();
        final AtomicReference<Future<?>> seen = new AtomicReference<>();
        final CountDownLatch acted = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);
        try {
            final CountDownLatch started = new CountDownLatch(1);
            final Future<String> future = executor.submitWithTimeout(
                    () -> {
                        started.countDown();
                        try {
                            never.await();
                            return "not interrupted";
                        } catch (final InterruptedException e) {
                            return "interrupted";
                        }
                    },
                    20,
                    MILLISECONDS,
                    f -> {
                        // the task runs on another thread; waiting for it makes the interrupt that follows certain
                        awaitQuietly(started);
                        seen.set(f);
                        actions.incrementAndGet();
                        acted.countDown();
                    });
            assertThat(future.get(30, SECONDS)).isEqualTo("interrupted");
            assertThat(acted.await(30, SECONDS)).isTrue();
            assertThat(seen.get()).isSameAs(future);
        } finally {
            close(executor);
        }
        assertThat(actions).hasValue(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void anActionMayCancelTheTask(final String name, final IntFunction<WeftExecutorService> factory) throws Exception {
        final WeftExecutorService executor = factory.apply(2);
        final CountDownLatch never = new CountDownLatch(1);
        try {
            final Future<String> future = executor.submitWithTimeout(
                    () -> {
                        never.await();
                        return "not cancelled";
                    },
                    0,
                    MILLISECONDS,
                    f -> f.cancel(true));
            assertThatThrownBy(() -> future.get(30, SECONDS)).isInstanceOf(CancellationException.class);
        } finally {
            close(executor);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void nullTaskOrUnitIsRejectedByName(final String name, final IntFunction<WeftExecutorService> factory)
            throws Exception {
        final WeftExecutorService executor = factory.apply(2);
        try {
            assertThatThrownBy(() -> executor.submitWithTimeout(null, 1, SECONDS, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("task");
            assertThatThrownBy(() -> executor.submitWithTimeout(() -> 1, 1, null, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("unit");
        } finally {
            close(executor);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void afterShutdownATaskIsRejectedAndItsActionNeverRuns(
            final String name, final IntFunction<WeftExecutorService> factory) throws Exception {
        final WeftExecutorService executor = factory.apply(2);
        final AtomicInteger ran = new AtomicInteger();
        executor.shutdown();
        assertThatThrownBy(() ->
                        executor.submitWithTimeout(ran::incrementAndGet, 0, MILLISECONDS, f -> ran.incrementAndGet()))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shut down");
        assertThat(executor.awaitTermination(30, SECONDS)).isTrue();
        assertThat(ran).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void shutdownNowReturnsAnUnstartedTaskButNotItsTimeout(
            final String name, final IntFunction<WeftExecutorService> factory) throws Exception {
        final WeftExecutorService executor = factory.apply(1);
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            try {
                never.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(30, SECONDS)).isTrue();
        final Future<Integer> queued = executor.submitWithTimeout(() -> 1, 1, HOURS, null);
        final List<Runnable> returned = executor.shutdownNow();
        assertThat(returned).containsExactly((Runnable) queued);
        assertThat(executor.awaitTermination(30, SECONDS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void racingTheTimeoutEveryTaskEndsOnceAndItsActionRunsAtMostOnce(
            final String name, final IntFunction<WeftExecutorService> factory) throws Exception {
        final WeftExecutorService executor = factory.apply(2);
        final int n = 2_000;
        final AtomicIntegerArray actions = new AtomicIntegerArray(n);
        final List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                final int index = i;
                futures.add(executor.submitWithTimeout(
                        () -> {
                            Thread.onSpinWait();
                            return index;
                        },
                        i % 50,
                        MICROSECONDS,
                        f -> actions.incrementAndGet(index)));
            }
            for (int i = 0; i < n; i++) {
                final Future<Integer> future = futures.get(i);
                try {
                    assertThat(future.get(30, SECONDS)).isEqualTo(i);
                } catch (final ExecutionException e) {
                    throw new AssertionError("task " + i + " failed", e);
                }
            }
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(30, SECONDS)).isTrue();
        }
        for (int i = 0; i < n; i++) {
            assertThat(actions.get(i)).as("timeout actions of task %d", i).isBetween(0, 1);
        }
    }
}

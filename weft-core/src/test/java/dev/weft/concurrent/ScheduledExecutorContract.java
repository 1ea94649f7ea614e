package dev.weft.concurrent;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSR-166 TCK's {@code ScheduledExecutorTest}, retargeted at a weft executor: every case of it that the
 * {@link ScheduledExecutorService} interface defines (the pool-size, queue and thread-factory cases are
 * {@code ScheduledThreadPoolExecutor}'s own and have no counterpart), with the shutdown policies set through
 * {@link DelayedTaskPolicy}. Subclasses say which executor; each case starts its own and ends it.
 */
public abstract class ScheduledExecutorContract {

    /** The TCK's LONG_DELAY_MS: how long a case waits at most for something that must happen. */
    protected static final long LONG_DELAY_MS = 30_000;

    private static final long TIMEOUT_MS = 50;

    /**
     * Starts an executor with {@code threads} threads (workers or reactors).
     *
     * @param threads how many threads run tasks
     * @return the executor
     */
    protected abstract ScheduledExecutorService newExecutor(int threads);

    /**
     * Sets an executor's shutdown policy for delayed tasks.
     *
     * @param executor an executor from {@link #newExecutor}
     * @param policy the policy
     */
    protected abstract void setPolicy(ScheduledExecutorService executor, DelayedTaskPolicy policy);

    private static long millisSince(final long start) {
        return NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void await(final CountDownLatch latch) {
        await(latch, LONG_DELAY_MS);
    }

    private static void await(final CountDownLatch latch, final long millis) {
        try {
            if (!latch.await(millis, MILLISECONDS)) {
                fail("timed out waiting for a latch");
            }
        } catch (final InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void end(final ScheduledExecutorService executor) throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(LONG_DELAY_MS, MILLISECONDS)).isTrue();
    }

    @Test
    void executeRunsARunnable() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            final CountDownLatch done = new CountDownLatch(1);
            p.execute(done::countDown);
            await(done);
        } finally {
            end(p);
        }
    }

    @Test
    void scheduleOfACallableRunsItAfterTheDelay() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            final long start = System.nanoTime();
            final ScheduledFuture<Boolean> f =
                    p.schedule(() -> millisSince(start) >= TIMEOUT_MS, TIMEOUT_MS, MILLISECONDS);
            assertThat(f.get(LONG_DELAY_MS, MILLISECONDS)).isTrue();
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(TIMEOUT_MS);
        } finally {
            end(p);
        }
    }

    @Test
    void scheduleOfARunnableRunsItAfterTheDelay() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            final long start = System.nanoTime();
            final AtomicLong ranAfter = new AtomicLong(-1);
            final ScheduledFuture<?> f = p.schedule(() -> ranAfter.set(millisSince(start)), TIMEOUT_MS, MILLISECONDS);
            assertThat(f.get(LONG_DELAY_MS, MILLISECONDS)).isNull();
            assertThat(ranAfter.get()).isGreaterThanOrEqualTo(TIMEOUT_MS);
        } finally {
            end(p);
        }
    }

    @Test
    void periodicTasksStartAfterTheirInitialDelay() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            for (final boolean rate : new boolean[] {true, false}) {
                final long start = System.nanoTime();
                final CountDownLatch done = new CountDownLatch(1);
                final AtomicLong ranAfter = new AtomicLong(-1);
                final Runnable task = () -> {
                    ranAfter.compareAndSet(-1, millisSince(start));
                    done.countDown();
                };
                final ScheduledFuture<?> f = rate
                        ? p.scheduleAtFixedRate(task, TIMEOUT_MS, LONG_DELAY_MS, MILLISECONDS)
                        : p.scheduleWithFixedDelay(task, TIMEOUT_MS, LONG_DELAY_MS, MILLISECONDS);
                await(done);
                assertThat(ranAfter.get()).isGreaterThanOrEqualTo(TIMEOUT_MS);
                assertThat(f.cancel(true)).isTrue();
                assertThat(f.isCancelled()).isTrue();
            }
        } finally {
            end(p);
        }
    }

    @Test
    void fixedRateRunsAtTheGivenRate() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            for (int delay = 1; delay <= LONG_DELAY_MS; delay *= 3) {
                final long start = System.nanoTime();
                final int cycles = 8;
                final CountDownLatch done = new CountDownLatch(cycles);
                final ScheduledFuture<?> periodic = p.scheduleAtFixedRate(done::countDown, 0, delay, MILLISECONDS);
                final int total = (cycles - 1) * delay;
                await(done, total + LONG_DELAY_MS);
                periodic.cancel(true);
                final long elapsed = millisSince(start);
                assertThat(elapsed).isGreaterThanOrEqualTo(total);
                if (elapsed <= (long) cycles * delay) {
                    return;
                }
            }
            fail("unexpected execution rate");
        } finally {
            end(p);
        }
    }

    @Test
    void fixedDelayKeepsTheDelayBetweenRuns() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            for (int delay = 1; delay <= LONG_DELAY_MS; delay *= 3) {
                final long start = System.nanoTime();
                final AtomicLong previous = new AtomicLong(start);
                final AtomicBoolean tryLonger = new AtomicBoolean();
                final AtomicBoolean tooEarly = new AtomicBoolean();
                final int cycles = 8;
                final CountDownLatch done = new CountDownLatch(cycles);
                final int d = delay;
                final ScheduledFuture<?> periodic = p.scheduleWithFixedDelay(
                        () -> {
                            final long now = System.nanoTime();
                            final long elapsed = NANOSECONDS.toMillis(now - previous.get());
                            if (done.getCount() == cycles) {
                                tryLonger.compareAndSet(false, elapsed >= d);
                            } else {
                                tooEarly.compareAndSet(false, elapsed < d);
                                tryLonger.compareAndSet(false, elapsed >= 2L * d);
                            }
                            previous.set(now);
                            done.countDown();
                        },
                        0,
                        delay,
                        MILLISECONDS);
                await(done, (cycles - 1L) * delay + cycles * LONG_DELAY_MS);
                periodic.cancel(true);
                assertThat(tooEarly)
                        .as("a run started less than the delay after the previous one")
                        .isFalse();
                assertThat(millisSince(start)).isGreaterThanOrEqualTo((cycles - 1L) * delay);
                if (!tryLonger.get()) {
                    return;
                }
            }
            fail("unexpected execution rate");
        } finally {
            end(p);
        }
    }

    @Test
    void nullTasksAndUnitsAreRejected() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            final Runnable nullRunnable = null;
            final Callable<?> nullCallable = null;
            final Runnable noop = () -> {};
            assertThatThrownBy(() -> p.execute(nullRunnable)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.submit(nullRunnable)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.submit(nullRunnable, 1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.submit(nullCallable)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.schedule(nullRunnable, 1, SECONDS)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.schedule(nullCallable, 1, SECONDS)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.scheduleAtFixedRate(nullRunnable, 1, 1, SECONDS))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.scheduleWithFixedDelay(nullRunnable, 1, 1, SECONDS))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.schedule(noop, 1, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.scheduleAtFixedRate(noop, 1, 1, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.scheduleAtFixedRate(noop, 1, 0, SECONDS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("period");
            assertThatThrownBy(() -> p.scheduleWithFixedDelay(noop, 1, -1, SECONDS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("delay");
        } finally {
            end(p);
        }
    }

    private static void assertSubmissionsRejected(final ScheduledExecutorService p) {
        final Runnable r = () -> {};
        final Callable<Boolean> c = () -> true;
        assertThatThrownBy(() -> p.execute(r)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> p.submit(r)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> p.submit(r, 1)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> p.submit(c)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> p.schedule(r, 1, SECONDS)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> p.schedule(c, 1, SECONDS)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> p.scheduleAtFixedRate(r, 1, 1, SECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> p.scheduleWithFixedDelay(r, 1, 1, SECONDS))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @ParameterizedTest
    @MethodSource("bothShutdowns")
    void submissionsAreRejectedAfterShutdown(final boolean now) throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger completed = new AtomicInteger();
        p.execute(() -> {
            started.countDown();
            while (true) {
                try {
                    done.await();
                    completed.incrementAndGet();
                    return;
                } catch (final InterruptedException deliberatelyIgnored) {
                    // shutdownNow interrupts; the TCK's task waits on regardless
                }
            }
        });
        await(started);
        if (now) {
            p.shutdownNow();
        } else {
            p.shutdown();
        }
        assertThat(p.isShutdown()).isTrue();
        assertSubmissionsRejected(p);
        assertThat(p.isTerminated()).isFalse();
        done.countDown();
        assertThat(p.awaitTermination(LONG_DELAY_MS, MILLISECONDS)).isTrue();
        assertThat(p.isTerminated()).isTrue();
        assertSubmissionsRejected(p);
        assertThat(completed).hasValue(1);
    }

    static Stream<Boolean> bothShutdowns() {
        return Stream.of(false, true);
    }

    @Test
    void isTerminatedOnlyOnceShutDownAndIdle() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        assertThat(p.isShutdown()).isFalse();
        assertThat(p.isTerminated()).isFalse();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        p.execute(() -> {
            started.countDown();
            await(done);
        });
        await(started);
        p.shutdown();
        assertThat(p.isShutdown()).isTrue();
        assertThat(p.isTerminated()).isFalse();
        done.countDown();
        assertThat(p.awaitTermination(LONG_DELAY_MS, MILLISECONDS)).isTrue();
        assertThat(p.isTerminated()).isTrue();
    }

    @Test
    void shutdownNowReturnsTheTasksThatNeverRan() throws Exception {
        final int threads = 2;
        final int count = 5;
        final AtomicInteger ran = new AtomicInteger();
        final ScheduledExecutorService p = newExecutor(threads);
        final CountDownLatch started = new CountDownLatch(threads);
        final CountDownLatch release = new CountDownLatch(1);
        final Runnable waiter = () -> {
            started.countDown();
            try {
                release.await(LONG_DELAY_MS, MILLISECONDS);
            } catch (final InterruptedException success) {
                // shutdownNow interrupts the running tasks
            }
            ran.incrementAndGet();
        };
        for (int i = 0; i < threads; i++) {
            p.execute(waiter);
        }
        await(started);
        for (int i = threads; i < count; i++) {
            p.execute(waiter);
        }
        final List<Runnable> queued = p.shutdownNow();
        assertThat(p.isShutdown()).isTrue();
        assertThat(queued).hasSize(count - threads);
        assertThat(p.awaitTermination(LONG_DELAY_MS, MILLISECONDS)).isTrue();
        assertThat(p.isTerminated()).isTrue();
        assertThat(ran).hasValue(threads);
    }

    @Test
    void shutdownNowReturnsDelayedAndPeriodicTasksUndone() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        final List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final Runnable r = () -> {};
            tasks.add(p.schedule(r, 9, SECONDS));
            tasks.add(p.scheduleAtFixedRate(r, 9, 9, SECONDS));
            tasks.add(p.scheduleWithFixedDelay(r, 9, 9, SECONDS));
        }
        final List<Runnable> queued = p.shutdownNow();
        assertThat(p.isShutdown()).isTrue();
        assertThat(queued)
                .hasSize(tasks.size())
                .containsExactlyInAnyOrderElementsOf(
                        tasks.stream().map(Runnable.class::cast).toList());
        for (final ScheduledFuture<?> task : tasks) {
            assertThat(task.isDone()).isFalse();
            assertThat(task.isCancelled()).isFalse();
        }
        assertThat(p.awaitTermination(LONG_DELAY_MS, MILLISECONDS)).isTrue();
        assertThat(p.isTerminated()).isTrue();
    }

    static Stream<Arguments> shutdownPolicies() {
        final List<Arguments> cases = new ArrayList<>();
        for (final long delay : new long[] {0, 1}) {
            for (final boolean delayed : new boolean[] {true, false}) {
                cases.add(Arguments.of(delay, delayed, false, false));
                cases.add(Arguments.of(delay, delayed, true, false));
                cases.add(Arguments.of(delay, delayed, true, true));
            }
        }
        return cases.stream();
    }

    /**
     * The TCK's {@code testShutdown_cancellation}: wedge every thread with a first wave of tasks, queue a second
     * wave, shut down, and check what the policy keeps and cancels.
     */
    @ParameterizedTest(name = "delay {0} ms, delayed kept {1}, periodic kept {2}, periodic continue {3}")
    @MethodSource("shutdownPolicies")
    void shutdownKeepsOrCancelsDelayedTasksByPolicy(
            final long delay,
            final boolean delayedPolicy,
            final boolean periodicPolicy,
            final boolean periodicTasksContinue)
            throws Exception {
        final int threads = 4;
        final ScheduledExecutorService p = newExecutor(threads);
        setPolicy(
                p,
                DelayedTaskPolicy.builder()
                        .executeExistingDelayedTasksAfterShutdown(delayedPolicy)
                        .continueExistingPeriodicTasksAfterShutdown(periodicPolicy)
                        .build());
        final AtomicInteger ran = new AtomicInteger();
        final CountDownLatch blocked = new CountDownLatch(threads);
        final CountDownLatch unblock = new CountDownLatch(1);
        final RuntimeException exception = new RuntimeException("ends the periodic task");
        final Runnable task = () -> {
            ran.incrementAndGet();
            blocked.countDown();
            await(unblock);
        };
        class PeriodicTask implements Runnable {
            private int rounds = 1;

            @Override
            public void run() {
                if (--rounds == 0) {
                    task.run();
                }
                if (rounds == -1) {
                    throw exception;
                }
            }
        }
        final List<Future<?>> immediates = new ArrayList<>();
        final List<Future<?>> delayeds = new ArrayList<>();
        final List<Future<?>> periodics = new ArrayList<>();
        immediates.add(p.submit(task));
        delayeds.add(p.schedule(task, delay, MILLISECONDS));
        periodics.add(p.scheduleAtFixedRate(new PeriodicTask(), delay, 1, MILLISECONDS));
        periodics.add(p.scheduleWithFixedDelay(new PeriodicTask(), delay, 1, MILLISECONDS));
        await(blocked);
        assertThat(ran).hasValue(threads);

        immediates.add(p.submit(task));
        delayeds.add(p.schedule(task, delayedPolicy ? delay : LONG_DELAY_MS, MILLISECONDS));
        periodics.add(p.scheduleAtFixedRate(new PeriodicTask(), delay, 1, MILLISECONDS));
        periodics.add(p.scheduleWithFixedDelay(new PeriodicTask(), delay, 1, MILLISECONDS));
        assertThat(ran).hasValue(threads);
        Stream.of(immediates, delayeds, periodics)
                .flatMap(List::stream)
                .forEach(f -> assertThat(f.isDone()).isFalse());

        p.shutdown();
        assertThat(p.isShutdown()).isTrue();
        assertThat(p.isTerminated()).isFalse();
        assertSubmissionsRejected(p);
        immediates.forEach(f -> assertThat(f.isDone()).isFalse());
        assertThat(delayeds.get(0).isDone()).isFalse();
        if (delayedPolicy) {
            assertThat(delayeds.get(1).isDone()).isFalse();
        } else {
            assertThat(delayeds.get(1).isCancelled()).isTrue();
        }
        if (periodicPolicy) {
            periodics.forEach(f -> {
                assertThat(f.isDone()).isFalse();
                if (!periodicTasksContinue) {
                    assertThat(f.cancel(false)).isTrue();
                    assertThat(f.isCancelled()).isTrue();
                }
            });
        } else {
            periodics.subList(0, 2).forEach(f -> assertThat(f.isDone()).isFalse());
            periodics.subList(2, 4).forEach(f -> assertThat(f.isCancelled()).isTrue());
        }

        unblock.countDown();
        assertThat(p.awaitTermination(LONG_DELAY_MS, MILLISECONDS)).isTrue();
        assertThat(p.isTerminated()).isTrue();
        Stream.of(immediates, delayeds, periodics)
                .flatMap(List::stream)
                .forEach(f -> assertThat(f.isDone()).isTrue());
        for (final Future<?> f : immediates) {
            assertThat(f.get()).isNull();
        }
        assertThat(delayeds.get(0).get()).isNull();
        if (delayedPolicy) {
            assertThat(delayeds.get(1).get()).isNull();
        } else {
            assertThat(delayeds.get(1).isCancelled()).isTrue();
        }
        if (periodicTasksContinue) {
            for (final Future<?> f : periodics) {
                assertThatThrownBy(f::get)
                        .isInstanceOf(ExecutionException.class)
                        .hasCause(exception);
            }
        } else {
            periodics.forEach(f -> assertThat(f.isCancelled()).isTrue());
        }
        assertThat(ran).hasValue(threads + 1 + (delayedPolicy ? 1 : 0) + (periodicTasksContinue ? 2 : 0));
    }

    @Test
    void submitReturnsResults() throws Exception {
        final ScheduledExecutorService p = newExecutor(2);
        try {
            assertThat(p.submit(() -> "result").get(LONG_DELAY_MS, MILLISECONDS))
                    .isEqualTo("result");
            final Future<?> plain = p.submit(() -> {});
            assertThat(plain.get(LONG_DELAY_MS, MILLISECONDS)).isNull();
            assertThat(plain.isDone()).isTrue();
            assertThat(p.submit(() -> {}, "given").get(LONG_DELAY_MS, MILLISECONDS))
                    .isEqualTo("given");
        } finally {
            end(p);
        }
    }

    @Test
    void invokeAnyAndInvokeAllKeepTheContract() throws Exception {
        final ScheduledExecutorService p = newExecutor(2);
        try {
            final Callable<String> npe = () -> {
                throw new NullPointerException("task failure");
            };
            final Callable<String> string = () -> "result";
            final List<Callable<String>> withNull = new ArrayList<>();
            withNull.add(string);
            withNull.add(null);
            assertThatThrownBy(() -> p.invokeAny(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.invokeAny(List.<Callable<String>>of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.invokeAny(withNull)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.invokeAny(List.of(npe)))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(NullPointerException.class);
            assertThat(p.invokeAny(List.of(string, string))).isEqualTo("result");
            assertThatThrownBy(() -> p.invokeAll(null)).isInstanceOf(NullPointerException.class);
            assertThat(p.invokeAll(List.<Callable<String>>of())).isEmpty();
            assertThatThrownBy(() -> p.invokeAll(withNull)).isInstanceOf(NullPointerException.class);
            final List<Future<String>> failed = p.invokeAll(List.of(npe));
            assertThat(failed).hasSize(1);
            assertThatThrownBy(() -> failed.get(0).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(NullPointerException.class);
            for (final Future<String> f : p.invokeAll(List.of(string, string))) {
                assertThat(f.get()).isEqualTo("result");
            }
        } finally {
            end(p);
        }
    }

    @Test
    void timedInvokeAnyAndInvokeAllKeepTheContract() throws Exception {
        final ScheduledExecutorService p = newExecutor(2);
        try {
            final Callable<String> npe = () -> {
                throw new NullPointerException("task failure");
            };
            final Callable<String> string = () -> "result";
            final List<Callable<String>> withNull = new ArrayList<>();
            withNull.add(string);
            withNull.add(null);
            assertThatThrownBy(() -> p.invokeAny(null, 1, SECONDS)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.invokeAny(List.of(string), 1, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.invokeAny(List.<Callable<String>>of(), 1, SECONDS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p.invokeAny(withNull, 1, SECONDS)).isInstanceOf(NullPointerException.class);
            final long start = System.nanoTime();
            assertThatThrownBy(() -> p.invokeAny(List.of(npe), LONG_DELAY_MS, MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(NullPointerException.class);
            assertThat(p.invokeAny(List.of(string, string), LONG_DELAY_MS, MILLISECONDS))
                    .isEqualTo("result");
            assertThat(millisSince(start)).isLessThan(LONG_DELAY_MS);
            assertThatThrownBy(() -> p.invokeAll(null, 1, SECONDS)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> p.invokeAll(List.of(string), 1, null)).isInstanceOf(NullPointerException.class);
            assertThat(p.invokeAll(List.<Callable<String>>of(), 1, SECONDS)).isEmpty();
            assertThatThrownBy(() -> p.invokeAll(withNull, 1, SECONDS)).isInstanceOf(NullPointerException.class);
            final List<Future<String>> failed = p.invokeAll(List.of(npe), LONG_DELAY_MS, MILLISECONDS);
            assertThatThrownBy(() -> failed.get(0).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(NullPointerException.class);
            for (final Future<String> f : p.invokeAll(List.of(string, string), LONG_DELAY_MS, MILLISECONDS)) {
                assertThat(f.get()).isEqualTo("result");
            }
        } finally {
            end(p);
        }
    }

    @Test
    void timedInvokeAllCancelsTasksNotDoneInTime() throws Exception {
        for (long timeout = TIMEOUT_MS; ; timeout *= 2) {
            final CountDownLatch done = new CountDownLatch(1);
            final Callable<String> waiter = () -> {
                try {
                    done.await(LONG_DELAY_MS, MILLISECONDS);
                } catch (final InterruptedException ok) {
                    // cancelled by the timeout
                }
                return "1";
            };
            final ScheduledExecutorService p = newExecutor(2);
            try {
                final long start = System.nanoTime();
                final List<Future<String>> futures =
                        p.invokeAll(List.of(() -> "0", waiter, () -> "2"), timeout, MILLISECONDS);
                assertThat(futures).hasSize(3).allMatch(Future::isDone);
                assertThat(millisSince(start)).isGreaterThanOrEqualTo(timeout);
                assertThat(futures.get(1).isCancelled()).isTrue();
                try {
                    assertThat(futures.get(0).get()).isEqualTo("0");
                    assertThat(futures.get(2).get()).isEqualTo("2");
                    return;
                } catch (final CancellationException retryWithLongerTimeout) {
                    assertThat(timeout).as("exactly one task cancelled").isLessThan(LONG_DELAY_MS / 2);
                }
            } finally {
                done.countDown();
                end(p);
            }
        }
    }

    @Test
    void aFixedDelayTaskWithAnOverflowingPeriodLetsOthersRun() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            final CountDownLatch delayedDone = new CountDownLatch(1);
            final CountDownLatch immediateDone = new CountDownLatch(1);
            p.scheduleWithFixedDelay(
                    () -> {
                        delayedDone.countDown();
                        p.submit(immediateDone::countDown);
                    },
                    0L,
                    Long.MAX_VALUE,
                    SECONDS);
            await(delayedDone);
            await(immediateDone);
        } finally {
            end(p);
        }
    }

    // ---- beyond the TCK: what the ScheduledExecutorService javadoc promises and the TCK leaves implicit ----

    @Test
    void aThrowingPeriodicTaskStopsAndItsFutureFails() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            final AtomicInteger runs = new AtomicInteger();
            final IllegalStateException failure = new IllegalStateException("third run fails");
            final ScheduledFuture<?> f = p.scheduleAtFixedRate(
                    () -> {
                        if (runs.incrementAndGet() == 3) {
                            throw failure;
                        }
                    },
                    0,
                    1,
                    MILLISECONDS);
            assertThatThrownBy(() -> f.get(LONG_DELAY_MS, MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCause(failure);
            assertThat(f.isDone()).isTrue();
            assertThat(f.isCancelled()).isFalse();
            final CountDownLatch later = new CountDownLatch(1);
            p.schedule(later::countDown, 5, MILLISECONDS);
            await(later);
            assertThat(runs).hasValue(3);
        } finally {
            end(p);
        }
    }

    @Test
    void aCancelledDelayedTaskNeverRunsAndLetsTheExecutorTerminate() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        final AtomicBoolean ran = new AtomicBoolean();
        final ScheduledFuture<?> f = p.schedule(() -> ran.set(true), LONG_DELAY_MS, MILLISECONDS);
        assertThat(f.getDelay(MILLISECONDS)).isPositive().isLessThanOrEqualTo(LONG_DELAY_MS);
        assertThat(f.cancel(false)).isTrue();
        assertThat(f.isCancelled()).isTrue();
        assertThatThrownBy(f::get).isInstanceOf(CancellationException.class);
        p.shutdown();
        assertThat(p.awaitTermination(LONG_DELAY_MS, MILLISECONDS)).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void delayedTasksAreOrderedByDueTime() throws Exception {
        final ScheduledExecutorService p = newExecutor(1);
        try {
            final ScheduledFuture<?> late = p.schedule(() -> {}, 2, SECONDS);
            final ScheduledFuture<?> early = p.schedule(() -> {}, 1, SECONDS);
            assertThat(early.compareTo(late)).isNegative();
            assertThat(late.compareTo(early)).isPositive();
            assertThat(early.compareTo(early)).isZero();
        } finally {
            end(p);
        }
    }
}

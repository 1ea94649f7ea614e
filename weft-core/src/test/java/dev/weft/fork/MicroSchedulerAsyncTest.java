package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link MicroScheduler#submit} and {@link MicroScheduler#invokeAsync}: futures that complete exactly once. */
class MicroSchedulerAsyncTest {

    private static final long LONG = 30;

    @Test
    void futuresCompleteWithTheValueOrTheFailure() throws Exception {
        try (WorkerPool pool = WorkerPool.start(3);
                MicroScheduler scheduler = MicroScheduler.start(pool)) {
            assertThat(scheduler.submit(() -> 42).get(LONG, TimeUnit.SECONDS)).isEqualTo(42);
            final CompletableFuture<Long> fib = scheduler.invokeAsync(context -> FibTasks.fibForkJoin(context, 20));
            assertThat(fib.get(LONG, TimeUnit.SECONDS)).isEqualTo(6765L);
            final IllegalStateException failure = new IllegalStateException("bad input");
            final CompletableFuture<Object> failing = scheduler.submit(() -> {
                throw failure;
            });
            assertThatThrownBy(() -> failing.get(LONG, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCause(failure);
            assertThatThrownBy(() -> scheduler.submit(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> scheduler.invokeAsync(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aFutureCancelledBeforeItsTaskStartsKeepsTheWorkFromRunning() throws Exception {
        try (WorkerPool pool = WorkerPool.start(2);
                MicroScheduler scheduler = MicroScheduler.start(pool)) {
            final CountDownLatch blocking = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final CompletableFuture<Void> blocker = scheduler.submit(() -> {
                blocking.countDown();
                release.await();
                return null;
            });
            assertThat(blocking.await(LONG, TimeUnit.SECONDS)).isTrue();
            final AtomicBoolean ran = new AtomicBoolean();
            final CompletableFuture<Boolean> cancelled = scheduler.submit(() -> ran.getAndSet(true));
            assertThat(cancelled.cancel(true)).isTrue();
            release.countDown();
            blocker.get(LONG, TimeUnit.SECONDS);
            assertThat(scheduler.submit(() -> "after").get(LONG, TimeUnit.SECONDS))
                    .isEqualTo("after");
            scheduler.waitForAll();
            assertThat(cancelled.isCancelled()).isTrue();
            assertThat(ran).isFalse();
        }
    }

    @Test
    void aShutdownCancelsTheFuturesOfTasksThatNeverRan() throws Exception {
        final WorkerPool pool = WorkerPool.start(2);
        final MicroScheduler scheduler = MicroScheduler.start(pool);
        final CountDownLatch blocking = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        scheduler.submit(() -> {
            blocking.countDown();
            release.await();
            return null;
        });
        assertThat(blocking.await(LONG, TimeUnit.SECONDS)).isTrue();
        final int n = 50;
        final AtomicIntegerArray runs = new AtomicIntegerArray(n);
        final List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int slot = i;
            futures.add(scheduler.submit(() -> runs.incrementAndGet(slot)));
        }
        final CompletableFuture<List<Task>> shutdown = CompletableFuture.supplyAsync(scheduler::shutdown);
        release.countDown();
        final List<Task> cancelled = shutdown.get(LONG, TimeUnit.SECONDS);
        pool.close();
        int ranCount = 0;
        for (int i = 0; i < n; i++) {
            final CompletableFuture<Integer> future = futures.get(i);
            assertThat(future).isDone();
            if (future.isCancelled()) {
                assertThat(runs.get(i)).as("runs of cancelled task %d", i).isZero();
            } else {
                assertThat(future.get()).isEqualTo(1);
                assertThat(runs.get(i)).isEqualTo(1);
                ranCount++;
            }
        }
        assertThat(cancelled).hasSize(n - ranCount);
    }
}

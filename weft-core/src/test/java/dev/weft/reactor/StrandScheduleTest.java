package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One-shot timers on strands: {@link Strand#schedule(Runnable, Duration)}. */
class StrandScheduleTest {

    private final ReactorGroup group = Groups.started(2, ReactorMode.INTERRUPT, new RecordingListener());

    @AfterEach
    void close() {
        group.close();
    }

    private Strand placed(final String name, final int reactor) {
        final Strand strand = Strand.of(name);
        group.add(strand, group.reactor(reactor)).join();
        return strand;
    }

    @Test
    void aTimerRunsOnTheStrandsReactorAfterItsDelayEvenInInterruptMode() throws Exception {
        final Strand strand = placed("timer", 1);
        final CompletableFuture<String> ran = new CompletableFuture<>();
        final long start = System.nanoTime();
        final ScheduledFuture<?> future =
                strand.schedule(() -> ran.complete(Thread.currentThread().getName()), Duration.ofMillis(20));
        assertThat(ran.get(10, TimeUnit.SECONDS)).isEqualTo(group.reactor(1).name());
        assertThat(System.nanoTime() - start)
                .isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(future.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(future.isDone()).isTrue();
        assertThat(group.reactor(1).effectiveMode()).isEqualTo(ReactorMode.INTERRUPT);
    }

    @Test
    void timersRunInDueOrderAndACancelledOneNeverRuns() throws Exception {
        final Strand strand = placed("order", 0);
        final List<String> order = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch last = new CountDownLatch(1);
        strand.schedule(
                () -> {
                    order.add("late");
                    last.countDown();
                },
                Duration.ofMillis(60));
        final ScheduledFuture<?> cancelled = strand.schedule(() -> order.add("cancelled"), Duration.ofMillis(30));
        strand.schedule(() -> order.add("early"), Duration.ofMillis(10));
        assertThat(cancelled.cancel(false)).isTrue();
        assertThat(last.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("early", "late");
        assertThat(cancelled.isCancelled()).isTrue();
        assertThatThrownBy(() -> cancelled.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aTimerThatThrowsFailsItsFutureAndTheReactorGoesOn() throws Exception {
        final Strand strand = placed("throws", 0);
        final ScheduledFuture<?> failing = strand.schedule(
                () -> {
                    throw new IllegalStateException("boom");
                },
                Duration.ZERO);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        final CompletableFuture<Void> after = new CompletableFuture<>();
        strand.schedule(() -> after.complete(null), Duration.ofMillis(1));
        after.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTimerMovesWithItsStrand() throws Exception {
        final Strand strand = placed("mover", 0);
        final CountDownLatch hold = new CountDownLatch(1);
        final CompletableFuture<String> ran = new CompletableFuture<>();
        strand.execute(() -> {
            try {
                hold.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        strand.schedule(() -> ran.complete(Thread.currentThread().getName()), Duration.ofMillis(1));
        final CompletableFuture<Void> moved = group.move(strand, group.reactor(1));
        hold.countDown();
        moved.get(10, TimeUnit.SECONDS);
        assertThat(ran.get(10, TimeUnit.SECONDS))
                .isIn(group.reactor(0).name(), group.reactor(1).name());
        final CompletableFuture<String> second = new CompletableFuture<>();
        strand.schedule(() -> second.complete(Thread.currentThread().getName()), Duration.ofMillis(5));
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(group.reactor(1).name());
    }

    @Test
    void aPendingTimerMovesWithItsStrandAndACancelTakesItOff() throws Exception {
        final Strand strand = placed("pending", 0);
        final ScheduledFuture<?> future = strand.schedule(() -> {}, Duration.ofDays(1));
        assertThat(onStrand(strand, () -> strand.loop().timers().nextDue())).isPositive();
        group.move(strand, group.reactor(1)).get(10, TimeUnit.SECONDS);
        assertThat(onStrand(
                        strand,
                        () -> Thread.currentThread().getName() + " "
                                + strand.loop().timers().any()))
                .isEqualTo(group.reactor(1).name() + " true");
        assertThat(future.cancel(false)).isTrue();
        assertThat(onStrand(strand, () -> strand.loop().timers().any())).isFalse();
    }

    private static <T> T onStrand(final Strand strand, final java.util.function.Supplier<T> read) throws Exception {
        final CompletableFuture<T> result = new CompletableFuture<>();
        strand.execute(() -> result.complete(read.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void closingTheStrandCancelsItsTimersAndLaterSchedulesAreRefused() throws Exception {
        final Strand strand = placed("closing", 0);
        final AtomicBoolean ran = new AtomicBoolean();
        final ScheduledFuture<?> pending = strand.schedule(() -> ran.set(true), Duration.ofDays(1));
        strand.close().get(10, TimeUnit.SECONDS);
        assertThat(pending.isCancelled()).isTrue();
        assertThat(ran).isFalse();
        assertThatThrownBy(() -> strand.schedule(() -> {}, Duration.ZERO))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closing");
    }

    @Test
    void nullsAreRejected() {
        final Strand strand = placed("nulls", 0);
        assertThatThrownBy(() -> strand.schedule(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> strand.schedule(() -> {}, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aHugeDelayIsClampedNotOverflowed() throws Exception {
        final Strand strand = placed("huge", 0);
        final ScheduledFuture<?> far = strand.schedule(() -> {}, Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(far.getDelay(TimeUnit.DAYS)).isPositive();
        final CompletableFuture<Void> soon = new CompletableFuture<>();
        strand.schedule(() -> soon.complete(null), Duration.ofMillis(1));
        soon.get(10, TimeUnit.SECONDS);
        assertThat(far.cancel(false)).isTrue();
    }
}

package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a main loop or reactor relies on: run() reports 0 when idle and more when busy, the sleep advice follows the
 * next deadline, and the wakeup hook fires from other threads when results arrive.
 */
class LoopIntegrationTest {

    @Test
    void runReportsWorkAndTheAdviceFollowsDeadlinesAndEvents() throws InterruptedException {
        final AtomicInteger wakeups = new AtomicInteger();
        final CountDownLatch resultWake = new CountDownLatch(2);
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(1)
                .fallbackHandler(driver)
                .wakeup(() -> {
                    wakeups.incrementAndGet();
                    resultWake.countDown();
                })
                .build());
        scheduler.start();
        try {
            driver.until(() -> scheduler.stats().workersReady() == 1);
            assertThat(scheduler.run()).isZero();
            assertThat(scheduler.adviseSleepNanos()).isEqualTo(Long.MAX_VALUE);
            final int before = wakeups.get();
            final long hung = scheduler
                    .submit(ProcessTask.function("loop", FaultFunction.class)
                            .input("{\"mode\":\"hang\"}")
                            .timeout(Duration.ofSeconds(20))
                            .build())
                    .id();
            assertThat(wakeups.get()).isGreaterThan(before);
            assertThat(scheduler.adviseSleepNanos()).isZero();
            assertThat(scheduler.run()).isPositive();
            assertThat(scheduler.adviseSleepNanos())
                    .isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(20).toNanos());
            scheduler.cancel(hung);
            assertThat(driver.await(hung)).isInstanceOf(Outcome.Cancelled.class);
            final long ok = scheduler
                    .submit(ProcessTask.function("loop", FaultFunction.class).build())
                    .id();
            assertThat(driver.await(ok)).isInstanceOf(Outcome.Ok.class);
            assertThat(resultWake.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.stop();
        }
        Children.assertNoneLeft();
    }

    @Test
    void durationTimeoutsFollowTheUpstreamConventions() {
        assertThat(ProcessTask.function("t", FaultFunction.class)
                        .timeout(Duration.ZERO)
                        .build()
                        .timeoutMillis())
                .isEqualTo(ProcessTask.DEFAULT_TIMEOUT);
        assertThat(ProcessTask.function("t", FaultFunction.class)
                        .timeout(Duration.ofNanos(1))
                        .build()
                        .timeoutMillis())
                .isEqualTo(1);
        assertThat(ProcessTask.function("t", FaultFunction.class)
                        .timeout(Duration.ofMillis(-1))
                        .build()
                        .timeoutMillis())
                .isLessThan(ProcessTask.NO_TIMEOUT);
        assertThat(ProcessTask.function("t", FaultFunction.class)
                        .timeout(Duration.ofSeconds(Long.MAX_VALUE))
                        .build()
                        .timeoutMillis())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(ProcessTask.function("t", FaultFunction.class)
                        .noTimeout()
                        .build()
                        .timeoutMillis())
                .isEqualTo(ProcessTask.NO_TIMEOUT);
    }
}

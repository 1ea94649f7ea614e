package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Processes start on the scheduler's launcher thread, not the run thread; a task cancelled, or a scheduler stopped,
 * while its process starts still gets exactly one outcome, and the process it got is killed.
 */
class LaunchTest {

    @Test
    void aCommandCancelledWhileItStartsIsCancelledOnceAndKilledOnceStarted() throws InterruptedException {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(1)
                .commandSlots(1)
                .launchGate(() -> {
                    held.countDown();
                    ProcessSchedulerTaskletTest.awaitUninterruptibly(release);
                })
                .fallbackHandler(driver)
                .build());
        try {
            scheduler.start();
            final long sleeper = scheduler
                    .submit(ProcessTask.command("c", "sleep", "60").noTimeout().build())
                    .id();
            driver.until(() -> held.getCount() == 0 && scheduler.stats().running() == 1);
            scheduler.cancel(sleeper);
            assertThat(driver.await(sleeper))
                    .isInstanceOfSatisfying(
                            Outcome.Cancelled.class,
                            cancelled -> assertThat(cancelled.reason()).contains("while its command started"));
            release.countDown();
            final long next = scheduler
                    .submit(ProcessTask.command("c", "/bin/echo", "[2]").build())
                    .id();
            assertThat(driver.await(next)).isInstanceOf(Outcome.Ok.class);
            driver.until(() -> scheduler.childPids().size() <= 1);
        } finally {
            release.countDown();
            scheduler.stop();
        }
        assertThat(driver.count()).isEqualTo(2);
        Children.assertNoneLeft();
    }

    @Test
    void stoppingWhileStartsAreQueuedGivesEveryTaskOneOutcome() throws InterruptedException {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger gated = new AtomicInteger();
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(2)
                .commandSlots(3)
                .launchGate(() -> {
                    if (gated.incrementAndGet() == 1) {
                        held.countDown();
                        ProcessSchedulerTaskletTest.awaitUninterruptibly(release);
                    }
                })
                .fallbackHandler(driver)
                .build());
        final List<Long> ids;
        try {
            scheduler.start();
            ids = List.of(
                    scheduler
                            .submit(ProcessTask.command("c", "sleep", "60")
                                    .noTimeout()
                                    .build())
                            .id(),
                    scheduler
                            .submit(ProcessTask.command("c", "/bin/sh", "-c", "sleep 60 & sleep 60")
                                    .build())
                            .id(),
                    scheduler
                            .submit(ProcessTask.command("c", "/bin/echo", "[3]").build())
                            .id(),
                    scheduler
                            .submit(ProcessTask.function("c", FaultFunction.class)
                                    .build())
                            .id());
            driver.until(() -> held.getCount() == 0 && scheduler.stats().running() == 3);
            release.countDown();
        } finally {
            release.countDown();
            scheduler.stop();
        }
        assertThat(driver.count()).isEqualTo(ids.size());
        for (final long id : ids) {
            assertThat(driver.outcome(id)).isInstanceOf(Outcome.Cancelled.class);
        }
        Children.assertNoneLeft();
    }
}

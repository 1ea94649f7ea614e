package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timeouts on an injected clock, so that "killed at the deadline" is checked exactly, with no timing assertion: a task
 * is killed by the first {@code run()} at or after its deadline and not by one before, and its outcome says how late
 * the kill was against the deadline. (The real-time lateness is measured by weft-bench's ProcessLatencyMain.)
 */
class DeadlineTest {

    private static final long START = 1_000_000_000_000L;

    private final AtomicLong now = new AtomicLong(START);
    private final Driver driver = new Driver();
    private ProcessScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
        Children.assertNoneLeft();
    }

    private ProcessScheduler withOneWorker() {
        scheduler = driver.drive(ProcessScheduler.builder()
                .workers(1)
                .commandSlots(1)
                .clock(now::get)
                .fallbackHandler(driver)
                .build());
        scheduler.start();
        return scheduler;
    }

    @Test
    void aCommandIsKilledByTheFirstRunAtItsDeadlineAndNotBefore() {
        withOneWorker();
        final long id = scheduler
                .submit(ProcessTask.command("cmd", "/bin/sh", "-c", "sleep 600 & sleep 600; wait")
                        .timeoutMillis(1000)
                        .build())
                .id();
        scheduler.run();
        assertThat(scheduler.stats().running()).isEqualTo(1);
        assertThat(scheduler.adviseSleepNanos()).isIn(0L, Duration.ofSeconds(1).toNanos());
        now.addAndGet(Duration.ofSeconds(1).toNanos() - 1);
        scheduler.run();
        assertThat(driver.outcome(id)).as("one nanosecond before the deadline").isNull();
        assertThat(scheduler.stats().running()).isEqualTo(1);
        now.incrementAndGet();
        scheduler.run();
        assertThat(driver.outcome(id)).isInstanceOfSatisfying(Outcome.TimedOut.class, timedOut -> {
            assertThat(timedOut.killed()).isTrue();
            assertThat(timedOut.timeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(timedOut.late()).isEqualTo(Duration.ZERO);
        });
    }

    @Test
    void aCommandFoundLateReportsHowLateItsKillWas() {
        withOneWorker();
        final long id = scheduler
                .submit(ProcessTask.command("cmd", "sleep", "600")
                        .timeoutMillis(250)
                        .build())
                .id();
        scheduler.run();
        now.addAndGet(Duration.ofMillis(250 + 7).toNanos());
        scheduler.run();
        assertThat(driver.outcome(id))
                .isInstanceOfSatisfying(
                        Outcome.TimedOut.class,
                        timedOut -> assertThat(timedOut.late()).isEqualTo(Duration.ofMillis(7)));
    }

    @Test
    void aHungFunctionsWorkerIsKilledByTheFirstRunAtOrAfterItsDeadline() throws InterruptedException {
        withOneWorker();
        driver.until(() -> scheduler.stats().workersReady() == 1);
        final long id = scheduler
                .submit(ProcessTask.function("fn", FaultFunction.class)
                        .input("{\"mode\":\"hang\"}")
                        .timeoutMillis(500)
                        .build())
                .id();
        scheduler.run();
        assertThat(scheduler.stats().running()).isEqualTo(1);
        now.addAndGet(Duration.ofMillis(500).toNanos() - 1);
        scheduler.run();
        assertThat(driver.outcome(id)).as("one nanosecond before the deadline").isNull();
        now.addAndGet(Duration.ofMillis(3).toNanos() + 1);
        scheduler.run();
        assertThat(driver.outcome(id)).isInstanceOfSatisfying(Outcome.TimedOut.class, timedOut -> {
            assertThat(timedOut.killed()).isTrue();
            assertThat(timedOut.late()).isEqualTo(Duration.ofMillis(3));
        });
        driver.until(
                () -> scheduler.stats().workersReady() == 1 && scheduler.stats().workerStarts() == 2);
        assertThat(scheduler.stats().workerCrashes()).isZero();
    }

    @Test
    void aWorkerWithoutHandshakeCrashesAtItsStartDeadlineAndIsRetriedAfterItsBackoff(@TempDir final Path dir)
            throws IOException, InterruptedException {
        final Path mute = dir.resolve("mute-java");
        Files.writeString(mute, "#!/bin/sh\nexec sleep 600\n");
        assertThat(mute.toFile().setExecutable(true)).isTrue();
        scheduler = driver.drive(ProcessScheduler.builder()
                .workers(1)
                .javaCommand(mute)
                .clock(now::get)
                .startTimeout(Duration.ofSeconds(10))
                .restartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(8))
                .fallbackHandler(driver)
                .build());
        scheduler.start();
        final long id = scheduler
                .submit(ProcessTask.function("fn", FaultFunction.class).build())
                .id();
        driver.until(() -> scheduler.childPids().size() == 1);
        now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
        scheduler.run();
        assertThat(scheduler.stats().workerCrashes())
                .as("one nanosecond before the start deadline")
                .isZero();
        now.incrementAndGet();
        scheduler.run();
        assertThat(scheduler.stats().workerCrashes()).isEqualTo(1);
        assertThat(scheduler.stats().queued()).as("the task waits for a worker").isEqualTo(1);
        assertThat(driver.outcome(id)).isNull();
        driver.until(() -> scheduler.adviseSleepNanos() == Duration.ofSeconds(2).toNanos());
        Children.assertNoneLeft();
        now.addAndGet(Duration.ofSeconds(2).toNanos() - 1);
        scheduler.run();
        assertThat(scheduler.stats().workerStarts()).as("still in its backoff").isEqualTo(1);
        now.incrementAndGet();
        scheduler.run();
        assertThat(scheduler.stats().workerStarts()).isEqualTo(2);
    }

    @Test
    void anInlineFunctionThatOverrunsReportsHowFarPastItsDeadlineItReturned() {
        ClockFunction.NOW.set(START);
        scheduler = driver.drive(ProcessScheduler.builder()
                .clock(ClockFunction.NOW::get)
                .fallbackHandler(driver)
                .build());
        scheduler.start();
        final long within = scheduler
                .submit(ProcessTask.function("fn", ClockFunction.class)
                        .input("{\"ms\": 1000}")
                        .timeoutMillis(1000)
                        .build())
                .id();
        final long over = scheduler
                .submit(ProcessTask.function("fn", ClockFunction.class)
                        .input("{\"ms\": 1500}")
                        .timeoutMillis(1000)
                        .build())
                .id();
        scheduler.run();
        scheduler.run();
        assertThat(driver.outcome(within)).isInstanceOf(Outcome.Ok.class);
        assertThat(driver.outcome(over)).isInstanceOfSatisfying(Outcome.TimedOut.class, timedOut -> {
            assertThat(timedOut.killed()).isFalse();
            assertThat(timedOut.late()).isEqualTo(Duration.ofMillis(500));
        });
    }
}

package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stop(): every outstanding task is cancelled, SIGTERM then SIGKILL, no process left. */
class StopTest {

    @Test
    void stopWhileTasksRunCancelsEverythingAndLeavesNoProcess() throws InterruptedException {
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(2)
                .commandSlots(2)
                .stopEscalation(3, Duration.ofMillis(300))
                .fallbackHandler(driver)
                .build());
        scheduler.start();
        final long hungA = scheduler
                .submit(ProcessTask.function("s", FaultFunction.class)
                        .input("{\"mode\":\"hang\"}")
                        .noTimeout()
                        .build())
                .id();
        final long hungB = scheduler
                .submit(ProcessTask.function("s", FaultFunction.class)
                        .input("{\"mode\":\"hang\"}")
                        .noTimeout()
                        .build())
                .id();
        final long waitingFn = scheduler
                .submit(ProcessTask.function("s", FaultFunction.class).build())
                .id();
        final long stubborn = scheduler
                .submit(ProcessTask.command("s", List.of("/bin/sh", "-c", "trap '' TERM; sleep 60 & wait"))
                        .noTimeout()
                        .build())
                .id();
        final long sleeper = scheduler
                .submit(ProcessTask.command("s", "sleep", "60").noTimeout().build())
                .id();
        final long waitingCmd = scheduler
                .submit(ProcessTask.command("s", "sleep", "60").build())
                .id();
        driver.until(() -> scheduler.stats().running() == 4);
        scheduler.stop();
        assertThat(driver.count()).isEqualTo(6);
        for (final long id : List.of(hungA, hungB, stubborn, sleeper)) {
            assertThat(driver.outcome(id))
                    .isInstanceOfSatisfying(
                            Outcome.Cancelled.class,
                            cancelled -> assertThat(cancelled.reason()).contains("while the task ran"));
        }
        for (final long id : List.of(waitingFn, waitingCmd)) {
            assertThat(driver.outcome(id))
                    .isInstanceOfSatisfying(
                            Outcome.Cancelled.class,
                            cancelled -> assertThat(cancelled.reason()).contains("before the task ran"));
        }
        Children.assertNoneLeft();
        scheduler.stop();
        assertThat(driver.count()).isEqualTo(6);
    }

    @Test
    void anIdleSchedulerStopsWithoutWaitingOutTheEscalation() throws InterruptedException {
        // Two "workers" that ignore SIGTERM and never shake hands: a stop that polled or slept through its
        // escalation would take ten minutes here; one that kills task-less workers at once returns at once.
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(2)
                .javaCommand(Path.of("/bin/sh"))
                .workerJvmOptions(List.of("-c", "trap '' TERM; exec sleep 600", "worker"))
                .stopEscalation(2, Duration.ofMinutes(5))
                .build());
        scheduler.start();
        driver.until(() -> scheduler.childPids().size() == 2);
        assertTimeoutPreemptively(Duration.ofSeconds(60), scheduler::stop);
        Children.assertNoneLeft();
    }

    @Test
    void anIdleSchedulerWhoseWorkersRanTasksStopsWithoutWaitingOutTheEscalation() throws InterruptedException {
        // With an hour of stop escalation, a stop that waited on a poll interval or on the grace would never
        // return within the bound; one that kills task-less workers and finished commands at once returns in
        // milliseconds (about 20 ms with two workers on a loaded two-core machine).
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(2)
                .stopEscalation(1, Duration.ofHours(1))
                .fallbackHandler(driver)
                .build());
        scheduler.start();
        final long function = scheduler
                .submit(ProcessTask.function("s", FaultFunction.class).build())
                .id();
        final long command = scheduler
                .submit(ProcessTask.command("s", "/bin/echo", "[1]").build())
                .id();
        assertThat(driver.await(function)).isInstanceOf(Outcome.Ok.class);
        assertThat(driver.await(command)).isInstanceOf(Outcome.Ok.class);
        driver.until(() -> scheduler.stats().workersReady() == 2);
        assertTimeoutPreemptively(Duration.ofSeconds(30), scheduler::stop);
        Children.assertNoneLeft();
    }
}

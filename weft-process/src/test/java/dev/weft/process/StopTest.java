package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stop(): every outstanding task is cancelled, SIGTERM then SIGKILL, no process left. */
class StopTest {

    @Test
    void stopWhileTasksRunCancelsEverythingAndLeavesNoProcess() throws InterruptedException {
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder().workers(2).commandSlots(2)
                .stopEscalation(3, Duration.ofMillis(300)).fallbackHandler(driver).build());
        scheduler.start();
        final long hungA = scheduler.submit(ProcessTask.function("s", FaultFunction.class)
                .input("{\"mode\":\"hang\"}").noTimeout().build());
        final long hungB = scheduler.submit(ProcessTask.function("s", FaultFunction.class)
                .input("{\"mode\":\"hang\"}").noTimeout().build());
        final long waitingFn = scheduler.submit(ProcessTask.function("s", FaultFunction.class).build());
        final long stubborn = scheduler.submit(ProcessTask.command("s", List.of("/bin/sh", "-c",
                "trap '' TERM; sleep 60 & wait")).noTimeout().build());
        final long sleeper = scheduler.submit(ProcessTask.command("s", "sleep", "60").noTimeout().build());
        final long waitingCmd = scheduler.submit(ProcessTask.command("s", "sleep", "60").build());
        driver.until(() -> scheduler.stats().running() == 4);
        scheduler.stop();
        assertThat(driver.count()).isEqualTo(6);
        for (final long id : List.of(hungA, hungB, stubborn, sleeper)) {
            assertThat(driver.outcome(id)).isInstanceOfSatisfying(Outcome.Cancelled.class,
                    cancelled -> assertThat(cancelled.reason()).contains("while the task ran"));
        }
        for (final long id : List.of(waitingFn, waitingCmd)) {
            assertThat(driver.outcome(id)).isInstanceOfSatisfying(Outcome.Cancelled.class,
                    cancelled -> assertThat(cancelled.reason()).contains("before the task ran"));
        }
        Children.assertNoneLeft();
        scheduler.stop();
        assertThat(driver.count()).isEqualTo(6);
    }

    @Test
    void aWorkerThatCannotStartIsRetriedWithBackoffAndItsTaskWaits() throws InterruptedException {
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder().workers(1)
                .workerJvmOptions(List.of("-XX:+ThisOptionDoesNotExistInWeft"))
                .restartBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).fallbackHandler(driver).build());
        scheduler.start();
        final long id = scheduler.submit(ProcessTask.function("s", FaultFunction.class).build());
        driver.until(() -> scheduler.stats().workerCrashes() >= 3);
        assertThat(driver.outcome(id)).isNull();
        assertThat(scheduler.stats().queued()).isEqualTo(1);
        scheduler.stop();
        assertThat(driver.outcome(id)).isInstanceOf(Outcome.Cancelled.class);
        Children.assertNoneLeft();
    }
}

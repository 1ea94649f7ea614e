package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Command tasks as child processes: JSON results, exit status, stderr, bad stdout, timeouts that kill the tree. */
class CommandTaskTest {

    private final Driver driver = new Driver();
    private ProcessScheduler scheduler;

    @BeforeEach
    void start() {
        scheduler = driver.drive(ProcessScheduler.builder()
                .workers(1)
                .commandSlots(3)
                .fallbackHandler(driver)
                .build());
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        Children.assertNoneLeft();
    }

    private long sh(final String script, final long timeoutMillis) {
        return scheduler
                .submit(ProcessTask.command("cmd", "/bin/sh", "-c", script)
                        .timeoutMillis(timeoutMillis)
                        .build())
                .id();
    }

    @Test
    void stdoutIsTheResultData() throws InterruptedException {
        final Outcome outcome = driver.await(sh("echo '{\"revision\": 56}'", 0));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> {
            assertThat(ok.data().path("revision").asInt()).isEqualTo(56);
            assertThat(ok.exitStatus()).hasValue(0);
        });
    }

    @Test
    void aResultRecordOfTheTasksTypeIsUnwrapped() throws InterruptedException {
        final Outcome outcome = driver.await(sh("echo '{\"type\": \"cmd\", \"data\": {\"update\": true}}'", 0));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Ok.class,
                        ok -> assertThat(ok.data().path("update").asBoolean()).isTrue());
    }

    @Test
    void aResultRecordOfAnotherTypeFails() throws InterruptedException {
        final Outcome outcome = driver.await(sh("echo '{\"type\": \"other\", \"data\": 1}'", 0));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Failed.class,
                        failed -> assertThat(failed.error()).contains("'other'").contains("'cmd'"));
    }

    @Test
    void theInputIsWrittenToStdin() throws InterruptedException {
        final long id = scheduler
                .submit(ProcessTask.command("cmd", List.of("cat"))
                        .input("{\"k\": [1, 2]}")
                        .build())
                .id();
        assertThat(driver.await(id))
                .isInstanceOfSatisfying(
                        Outcome.Ok.class,
                        ok -> assertThat(ok.data().path("k").get(1).asInt()).isEqualTo(2));
    }

    @Test
    void aNonZeroExitFailsWithTheStatusAndStderrTail() throws InterruptedException {
        final Outcome outcome = driver.await(sh("echo '{}'; echo 'disk on fire' >&2; exit 3", 0));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.exitStatus()).hasValue(3);
            assertThat(failed.error()).contains("exited with status 3");
            assertThat(failed.detail()).contains("disk on fire");
        });
    }

    @Test
    void garbageOnStdoutFails() throws InterruptedException {
        assertThat(driver.await(sh("echo 'hello {'", 0)))
                .isInstanceOfSatisfying(
                        Outcome.Failed.class,
                        failed ->
                                assertThat(failed.error()).contains("not JSON").contains("hello"));
        assertThat(driver.await(sh("echo '{} {}'", 0)))
                .isInstanceOfSatisfying(
                        Outcome.Failed.class,
                        failed -> assertThat(failed.error()).contains("not JSON"));
        assertThat(driver.await(sh("true", 0)))
                .isInstanceOfSatisfying(
                        Outcome.Failed.class,
                        failed -> assertThat(failed.error()).contains("printed nothing"));
    }

    @Test
    void aHungCommandIsKilledWithItsChildrenAtItsTimeout() throws InterruptedException {
        final long id = sh("sleep 60 & sleep 60; wait", 300);
        final Outcome outcome = driver.await(id);
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.TimedOut.class,
                        timedOut -> assertThat(timedOut.killed()).isTrue());
        driver.until(() -> scheduler.stats().running() == 0);
        driver.until(() -> Children.alive().size() == 2);
        assertThat(Children.alive())
                .as("only the worker's group leader and its JVM")
                .containsExactlyInAnyOrderElementsOf(Children.withDescendants(scheduler.childPids()));
    }

    @Test
    void cancellingARunningCommandKillsIt() throws InterruptedException {
        final long id = sh("sleep 60", -1);
        driver.until(() -> scheduler.stats().running() == 1);
        scheduler.cancel(id);
        assertThat(driver.await(id)).isInstanceOf(Outcome.Cancelled.class);
    }

    @Test
    void commandSlotsBoundTheChildrenRunningAtOnce() throws InterruptedException {
        final long[] ids = new long[6];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = sh("sleep 0.2; echo " + i, 0);
        }
        int maxRunning = 0;
        while (driver.count() < ids.length) {
            scheduler.run();
            maxRunning = Math.max(maxRunning, scheduler.stats().running());
            scheduler.awaitWork(Duration.ofMillis(50));
        }
        assertThat(maxRunning).isBetween(1, 3);
        for (int i = 0; i < ids.length; i++) {
            final int expected = i;
            assertThat(driver.outcome(ids[i]))
                    .isInstanceOfSatisfying(
                            Outcome.Ok.class,
                            ok -> assertThat(ok.data().asInt()).isEqualTo(expected));
        }
    }
}

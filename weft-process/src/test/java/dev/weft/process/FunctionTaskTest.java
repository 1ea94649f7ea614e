package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java task functions on worker JVMs: results, failures, crashes of every kind, timeouts, cancellation. */
class FunctionTaskTest {

    private final Driver driver = new Driver();
    private ProcessScheduler scheduler;

    @BeforeEach
    void start() {
        scheduler = driver.drive(ProcessScheduler.builder()
                .workers(2)
                .fallbackHandler(driver)
                .restartBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build());
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        Children.assertNoneLeft();
    }

    private long submit(final String mode, final long timeoutMillis) {
        return scheduler
                .submit(ProcessTask.function("fault", FaultFunction.class)
                        .input("{\"mode\":\"" + mode + "\",\"value\":\"" + mode + "\"}")
                        .timeoutMillis(timeoutMillis)
                        .build())
                .id();
    }

    @Test
    void aResultComesBackAsOkWithTheFunctionsData() throws InterruptedException {
        final long id = submit("ok", 0);
        final Outcome outcome = driver.await(id);
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        final Outcome.Ok ok = (Outcome.Ok) outcome;
        assertThat(ok.type()).isEqualTo("fault");
        assertThat(ok.data().path("echo").asString()).isEqualTo("ok");
        assertThat(ok.data().path("pid").asLong())
                .isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ok.exitStatus()).isEmpty();
    }

    @Test
    void aFunctionThatPrintsDoesNotBreakTheProtocol() throws InterruptedException {
        assertThat(driver.await(submit("print", 0))).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void aThrowingFunctionFailsWithItsMessageAndKeepsItsWorker() throws InterruptedException {
        final Outcome outcome = driver.await(submit("throw", 0));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.error()).contains("IllegalStateException").contains("fault injected: throw");
            assertThat(failed.detail()).contains("FaultFunction.apply");
        });
        assertThat(driver.await(submit("ok", 0))).isInstanceOf(Outcome.Ok.class);
        assertThat(scheduler.stats().workerCrashes()).isZero();
    }

    @Test
    void aWorkerThatExitsCrashesOnlyItsTaskAndIsReplaced() throws InterruptedException {
        crashAndRecover("exit", "exited with status 7", "about to exit");
    }

    @Test
    void aWorkerThatHaltsCrashesOnlyItsTaskAndIsReplaced() throws InterruptedException {
        crashAndRecover("halt", "exited with status 9", "about to halt");
    }

    @Test
    void garbageOnTheProtocolStreamCrashesTheWorker() throws InterruptedException {
        crashAndRecover("garbage", "broke the protocol", "");
    }

    private void crashAndRecover(final String mode, final String reason, final String stderr)
            throws InterruptedException {
        final long bystander = submit("spin", 0);
        final long victim = submit(mode, 0);
        assertThat(driver.await(victim)).isInstanceOfSatisfying(Outcome.WorkerCrashed.class, crashed -> {
            assertThat(crashed.reason()).contains(reason);
            assertThat(crashed.stderrTail()).contains(stderr);
        });
        assertThat(driver.await(bystander)).isInstanceOf(Outcome.Ok.class);
        for (int i = 0; i < 4; i++) {
            assertThat(driver.await(submit("ok", 0))).isInstanceOf(Outcome.Ok.class);
        }
        driver.until(() -> scheduler.stats().workersReady() == 2);
        assertThat(scheduler.stats().workerCrashes()).isEqualTo(1);
        assertThat(scheduler.stats().workerStarts()).isEqualTo(3);
    }

    @Test
    void aWorkerKilledFromOutsideCrashesOnlyItsTask() throws InterruptedException {
        final long victim = submit("hang", -1);
        driver.until(() -> scheduler.stats().running() == 1);
        final long pid = scheduler.childPids().getFirst();
        final long other = scheduler.childPids().getLast();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(other).orElseThrow().destroyForcibly();
        assertThat(driver.await(victim))
                .isInstanceOfSatisfying(
                        Outcome.WorkerCrashed.class,
                        crashed -> assertThat(crashed.reason()).contains("signal 9"));
        // The idle worker's death reaches the scheduler on its own time; a task handed to it before then would fail
        // with it, so wait until the scheduler has seen both deaths.
        driver.until(() -> scheduler.stats().workerCrashes() == 2);
        assertThat(driver.await(submit("ok", 0))).isInstanceOf(Outcome.Ok.class);
        assertThat(driver.count()).isEqualTo(2);
    }

    @Test
    void aHungTaskIsKilledAtItsTimeoutAndItsWorkerReplaced() throws InterruptedException {
        final long hung = submit("hang", 300);
        final Outcome outcome = driver.await(hung);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.TimedOut.class, timedOut -> {
            assertThat(timedOut.killed()).isTrue();
            assertThat(timedOut.timeout()).isEqualTo(Duration.ofMillis(300));
        });
        assertThat(driver.await(submit("ok", 0))).isInstanceOf(Outcome.Ok.class);
        assertThat(scheduler.stats().workerCrashes()).isZero();
    }

    @Test
    void cancellingARunningTaskKillsItsWorker() throws InterruptedException {
        final long hung = submit("hang", -1);
        driver.until(() -> scheduler.stats().running() == 1);
        scheduler.cancel(hung);
        assertThat(driver.await(hung))
                .isInstanceOfSatisfying(
                        Outcome.Cancelled.class,
                        cancelled -> assertThat(cancelled.reason()).contains("while running"));
        assertThat(driver.await(submit("ok", 0))).isInstanceOf(Outcome.Ok.class);
    }
}

package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * submit() returns a handle whose future completes once, with the handler's outcome, on the run thread right after
 * the handler; cancelling the future cancels the task.
 */
class TaskHandleTest {

    private final Driver driver = new Driver();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private ProcessScheduler scheduler;

    private ProcessScheduler start(final int workers) {
        scheduler = driver.drive(ProcessScheduler.builder()
                .workers(workers)
                .fallbackHandler(outcome -> {
                    events.add("handler " + outcome.id() + " on "
                            + Thread.currentThread().getName());
                    driver.onOutcome(outcome);
                })
                .build());
        scheduler.start();
        return scheduler;
    }

    @AfterEach
    void stop() {
        scheduler.stop();
        Children.assertNoneLeft();
    }

    @Test
    void theFutureCompletesWithTheHandlersOutcomeOnTheRunThreadRightAfterTheHandler() throws InterruptedException {
        start(0);
        final TaskHandle handle =
                scheduler.submit(ProcessTask.function("t", FaultFunction.class).build());
        handle.outcome()
                .thenAccept(outcome -> events.add("future " + outcome.id() + " on "
                        + Thread.currentThread().getName()));
        assertThat(handle.outcome()).isNotDone();
        final Outcome outcome = driver.await(handle.id());
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        assertThat(handle.outcome()).isCompletedWithValue(outcome);
        final String runThread = Thread.currentThread().getName();
        assertThat(events)
                .containsExactly(
                        "handler " + handle.id() + " on " + runThread, "future " + handle.id() + " on " + runThread);
    }

    @Test
    void aRejectedTaskCompletesItsFutureWithTheRejection() throws InterruptedException {
        start(0);
        final TaskHandle handle =
                scheduler.submit(ProcessTask.function("t", "no.such.Function").build());
        driver.await(handle.id());
        assertThat(handle.outcome().getNow(null))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        rejected -> assertThat(rejected.reason()).contains("no.such.Function"));
    }

    @Test
    void cancellingTheFutureOfARunningTaskKillsItsWorkerAndReportsCancelledOnce() throws InterruptedException {
        start(1);
        final TaskHandle hung = scheduler.submit(ProcessTask.function("t", FaultFunction.class)
                .input("{\"mode\":\"hang\"}")
                .noTimeout()
                .build());
        driver.until(() -> scheduler.stats().running() == 1);
        final List<Long> worker = Children.withDescendants(scheduler.childPids());
        assertThat(hung.outcome().cancel(true)).isTrue();
        assertThat(hung.outcome()).isCancelled();
        driver.await(hung.id());
        assertThat(driver.outcome(hung.id()))
                .isInstanceOfSatisfying(
                        Outcome.Cancelled.class,
                        cancelled -> assertThat(cancelled.reason())
                                .contains("while running")
                                .contains("killed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> worker.stream().noneMatch(Procs::alive));
        assertThat(hung.outcome().cancel(true)).as("still cancelled").isTrue();
        final TaskHandle next =
                scheduler.submit(ProcessTask.function("t", FaultFunction.class).build());
        assertThat(driver.await(next.id())).isInstanceOf(Outcome.Ok.class);
        assertThat(driver.inOrder()).hasSize(2);
    }

    @Test
    void cancellingTheFutureOfAWaitingTaskDropsIt() throws InterruptedException {
        start(1);
        final TaskHandle hung = scheduler.submit(ProcessTask.function("t", FaultFunction.class)
                .input("{\"mode\":\"hang\"}")
                .timeout(Duration.ofMinutes(10))
                .build());
        final TaskHandle waiting =
                scheduler.submit(ProcessTask.function("t", FaultFunction.class).build());
        driver.until(() -> scheduler.stats().running() == 1 && scheduler.stats().queued() == 1);
        assertThat(waiting.outcome().cancel(false)).isTrue();
        assertThat(driver.await(waiting.id()))
                .isInstanceOfSatisfying(
                        Outcome.Cancelled.class,
                        cancelled -> assertThat(cancelled.reason()).contains("waiting"));
        assertThat(scheduler.stats().queued()).isZero();
        assertThat(driver.outcome(hung.id())).isNull();
    }
}

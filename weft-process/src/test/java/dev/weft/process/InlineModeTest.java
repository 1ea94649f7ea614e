package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Zero workers: tasks run inline on the run() thread, a configured number per call, in priority order. */
class InlineModeTest {

    private final Driver driver = new Driver();
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private ProcessScheduler scheduler;

    @AfterEach
    void stop() {
        scheduler.stop();
        Children.assertNoneLeft();
    }

    private ProcessScheduler start(final int perRun) {
        return start(perRun, Duration.ZERO, System::nanoTime);
    }

    private ProcessScheduler start(final int perRun, final Duration aging, final LongSupplier clock) {
        scheduler = driver.drive(ProcessScheduler.builder()
                .workers(0)
                .inlinePerRun(perRun)
                .aging(aging)
                .clock(clock)
                .fallbackHandler(driver)
                .build());
        scheduler.start();
        return scheduler;
    }

    private long fn(final String mode, final int priority, final long timeoutMillis, final long ms) {
        return scheduler
                .submit(ProcessTask.function("inline", FaultFunction.class)
                        .priority(priority)
                        .input("{\"mode\":\"" + mode + "\",\"ms\":" + ms + "}")
                        .timeoutMillis(timeoutMillis)
                        .build())
                .id();
    }

    @Test
    void functionsRunInThisProcessInPriorityOrderAFewPerRun() {
        start(2);
        final long low = fn("ok", 7, 0, 0);
        final long high = fn("ok", 1, 0, 0);
        final long mid = fn("ok", 4, 0, 0);
        assertThat(scheduler.run()).isGreaterThan(0);
        assertThat(driver.inOrder()).extracting(Outcome::id).containsExactly(high, mid);
        scheduler.run();
        assertThat(driver.inOrder()).extracting(Outcome::id).containsExactly(high, mid, low);
        assertThat(driver.inOrder())
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(
                                Outcome.Ok.class,
                                ok -> assertThat(ok.data().path("pid").asLong())
                                        .isEqualTo(ProcessHandle.current().pid())));
        assertThat(scheduler.run()).isZero();
    }

    @Test
    void agingLetsAnOlderLowerPriorityOvertakeANewerHigherOne() {
        start(1, Duration.ofSeconds(1), now::get);
        final long old = fn("ok", 1, 0, 0);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        final long fresh = fn("ok", 0, 0, 0);
        final long freshLow = fn("ok", 1, 0, 0);
        for (int i = 0; i < 3; i++) {
            scheduler.run();
        }
        assertThat(driver.inOrder()).extracting(Outcome::id).containsExactly(old, fresh, freshLow);
    }

    @Test
    void anOverrunningFunctionIsReportedAsTimedOutWhenItReturns() {
        start(1);
        final long id = fn("spin", 0, 20, 200);
        scheduler.run();
        assertThat(driver.outcome(id))
                .isInstanceOfSatisfying(
                        Outcome.TimedOut.class,
                        timedOut -> assertThat(timedOut.killed()).isFalse());
    }

    @Test
    void aThrowingFunctionFails() {
        start(1);
        final long id = fn("throw", 0, 0, 0);
        scheduler.run();
        assertThat(driver.outcome(id)).isInstanceOf(Outcome.Failed.class);
    }

    @Test
    void commandsStillGetTheirTimeoutAndSigkill() {
        start(1);
        final long id = scheduler
                .submit(ProcessTask.command("inline", List.of("/bin/sh", "-c", "sleep 60"))
                        .timeoutMillis(200)
                        .build())
                .id();
        scheduler.run();
        assertThat(driver.outcome(id))
                .isInstanceOfSatisfying(
                        Outcome.TimedOut.class,
                        timedOut -> assertThat(timedOut.killed()).isTrue());
        final long ok = scheduler
                .submit(ProcessTask.command("inline", "/bin/echo", "[1,2]").build())
                .id();
        scheduler.run();
        assertThat(driver.outcome(ok))
                .isInstanceOfSatisfying(
                        Outcome.Ok.class,
                        result -> assertThat(result.data().size()).isEqualTo(2));
    }
}

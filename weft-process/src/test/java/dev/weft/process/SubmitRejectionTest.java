package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input ends in one Rejected outcome that names the problem; bad configuration fails fast. */
class SubmitRejectionTest {

    private final Driver driver = new Driver();
    private ProcessScheduler scheduler;

    @BeforeEach
    void start() {
        scheduler = driver.drive(ProcessScheduler.builder()
                .workers(0)
                .queueCapacity(2)
                .fallbackHandler(driver)
                .build());
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    private String rejected(final ProcessTask task) throws InterruptedException {
        final Outcome outcome = driver.await(scheduler.submit(task).id());
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).reason();
    }

    @Test
    void anUnknownFunctionClass() throws InterruptedException {
        assertThat(rejected(ProcessTask.function("t", "no.such.Function").build()))
                .contains("unknown function no.such.Function")
                .contains("no such class");
    }

    @Test
    void aClassThatIsNotATaskFunction() throws InterruptedException {
        assertThat(rejected(
                        ProcessTask.function("t", NotAFunction.class.getName()).build()))
                .contains("does not implement")
                .contains(TaskFunction.class.getName());
    }

    @Test
    void invalidJsonInput() throws InterruptedException {
        assertThat(rejected(ProcessTask.function("t", FaultFunction.class)
                        .input("{\"mode\": ")
                        .build()))
                .contains("invalid JSON input");
        assertThat(rejected(ProcessTask.function("t", FaultFunction.class)
                        .input("   ")
                        .build()))
                .contains("invalid JSON input");
    }

    @Test
    void anInputTooLargeForAFrame() throws InterruptedException {
        final String huge = "\"" + "x".repeat(SubmitCheck.MAX_INPUT_BYTES) + "\"";
        assertThat(rejected(ProcessTask.function("t", FaultFunction.class)
                        .input(huge)
                        .build()))
                .contains("larger than")
                .contains("frame");
    }

    @Test
    void aBadTimeout() throws InterruptedException {
        assertThat(rejected(ProcessTask.function("t", FaultFunction.class)
                        .timeoutMillis(-5)
                        .build()))
                .contains("bad timeout -5 ms");
        assertThat(rejected(ProcessTask.function("t", FaultFunction.class)
                        .timeout(Duration.ofDays(400))
                        .build()))
                .contains("more than 365 days");
    }

    @Test
    void aBlankType() throws InterruptedException {
        assertThat(rejected(ProcessTask.function(" ", FaultFunction.class).build()))
                .contains("type is blank");
    }

    @Test
    void anUnknownOrEmptyCommand(@TempDir final Path dir) throws IOException, InterruptedException {
        final Path plain = Files.writeString(dir.resolve("plain.txt"), "not a program");
        assertThat(rejected(ProcessTask.command("t", "no-such-program-weft").build()))
                .contains("unknown command no-such-program-weft")
                .contains("PATH");
        assertThat(rejected(ProcessTask.command("t", plain.toString()).build())).contains("not an executable");
        assertThat(rejected(ProcessTask.command("t").build())).contains("argv is empty");
    }

    @Test
    void aCommandArgumentWithANulCharacter() throws InterruptedException {
        assertThat(rejected(ProcessTask.command("t", "echo", "ok", "a\u0000b").build()))
                .contains("argv[2]")
                .contains("NUL");
    }

    @Test
    void aFullQueue() throws InterruptedException {
        final long first = scheduler
                .submit(ProcessTask.function("t", FaultFunction.class).build())
                .id();
        final long second = scheduler
                .submit(ProcessTask.function("t", FaultFunction.class).build())
                .id();
        final long third = scheduler
                .submit(ProcessTask.function("t", FaultFunction.class).build())
                .id();
        assertThat(driver.await(third))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        rejected -> assertThat(rejected.reason())
                                .contains("queue full")
                                .contains("2"));
        assertThat(driver.await(first)).isInstanceOf(Outcome.Ok.class);
        assertThat(driver.await(second)).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void submitAfterStopThrows() {
        scheduler.stop();
        assertThatThrownBy(() -> scheduler.submit(
                        ProcessTask.function("t", FaultFunction.class).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped");
    }

    @Test
    void runBeforeStartAndReentrantRunAreRefused() throws InterruptedException {
        final ProcessScheduler fresh = ProcessScheduler.builder().build();
        assertThatThrownBy(fresh::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call start() first");
        final Driver reentrant = new Driver();
        final ProcessScheduler[] holder = new ProcessScheduler[1];
        final IllegalStateException[] seen = new IllegalStateException[1];
        holder[0] = reentrant.drive(ProcessScheduler.builder()
                .fallbackHandler(outcome -> {
                    try {
                        holder[0].run();
                    } catch (final IllegalStateException e) {
                        seen[0] = e;
                    }
                    reentrant.onOutcome(outcome);
                })
                .build());
        holder[0].start();
        reentrant.await(holder[0]
                .submit(ProcessTask.function("t", FaultFunction.class).build())
                .id());
        holder[0].stop();
        assertThat(seen[0]).hasMessageContaining("never from an outcome handler");
    }

    @Test
    void aMissingCommandArgumentIsNamed() {
        assertThatThrownBy(() -> ProcessTask.command("t", "echo", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("argv[1]");
        assertThatThrownBy(() -> ProcessTask.command("t", Arrays.asList("echo", "a", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("argv[2]");
        assertThatThrownBy(() -> ProcessTask.command("t", (String[]) null)).hasMessageContaining("argv");
    }

    @Test
    void badConfigurationIsNamed() {
        assertThatThrownBy(() -> ProcessScheduler.builder().workers(-1)).hasMessageContaining("workers");
        assertThatThrownBy(() -> ProcessScheduler.builder().queueCapacity(0)).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> ProcessScheduler.builder().defaultTimeout(Duration.ZERO))
                .hasMessageContaining("defaultTimeout");
        assertThatThrownBy(() -> ProcessScheduler.builder().aging(Duration.ofSeconds(-1)))
                .hasMessageContaining("aging");
        assertThatThrownBy(
                        () -> ProcessScheduler.builder().handler("x", o -> {}).handler("x", o -> {}))
                .hasMessageContaining("already has a handler");
        assertThatThrownBy(() -> ProcessScheduler.builder().handler(" ", o -> {}))
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> ProcessScheduler.builder().commandSlots(0)).hasMessageContaining("commandSlots");
        assertThatThrownBy(() -> ProcessScheduler.builder().inlinePerRun(0)).hasMessageContaining("inlinePerRun");
        assertThatThrownBy(() -> ProcessScheduler.builder().startTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("startTimeout");
        assertThatThrownBy(
                        () -> ProcessScheduler.builder().restartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("restartBackoff max");
        assertThatThrownBy(() -> ProcessScheduler.builder().stopEscalation(0, Duration.ofSeconds(1)))
                .hasMessageContaining("stopEscalation checks");
        assertThatThrownBy(() -> ProcessScheduler.builder().stopEscalation(5, Duration.ZERO))
                .hasMessageContaining("stopEscalation interval");
        assertThatThrownBy(() -> ProcessScheduler.builder().stderrTailBytes(0)).hasMessageContaining("stderrTailBytes");
        assertThatThrownBy(() -> ProcessScheduler.builder().classPath(" ")).hasMessageContaining("classPath");
        assertThatThrownBy(() -> ProcessScheduler.builder().clock(null)).hasMessageContaining("clock");
    }
}

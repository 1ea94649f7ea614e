package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flight Recorder events the process scheduler commits: timed-out tasks and crashed workers. */
class ProcessEventsTest {

    @TempDir
    Path dir;

    @Test
    void aKilledTaskAndACrashedWorkerAreRecorded() throws Exception {
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(1)
                .fallbackHandler(driver)
                .restartBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build());
        final List<RecordedEvent> events;
        final long hung;
        final long crashed;
        try (Recording recording = new Recording()) {
            recording.enable("dev.weft.ProcessTimeout");
            recording.enable("dev.weft.WorkerCrash");
            recording.start();
            scheduler.start();
            try {
                hung = scheduler.submit(fault("hang", 300)).id();
                assertThat(driver.await(hung)).isInstanceOf(Outcome.TimedOut.class);
                crashed = scheduler.submit(fault("exit", 0)).id();
                assertThat(driver.await(crashed)).isInstanceOf(Outcome.WorkerCrashed.class);
            } finally {
                scheduler.stop();
                Children.assertNoneLeft();
            }
            recording.stop();
            final Path file = dir.resolve("process.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getEventType().getName()).isEqualTo("dev.weft.ProcessTimeout");
            assertThat(event.getLong("taskId")).isEqualTo(hung);
            assertThat(event.getString("type")).isEqualTo("fault");
            assertThat(event.getLong("timeoutMillis")).isEqualTo(300);
            assertThat(event.getBoolean("killed")).isTrue();
            assertThat(event.getLong("lateNanos")).isNotNegative();
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getEventType().getName()).isEqualTo("dev.weft.WorkerCrash");
            assertThat(event.getLong("taskId")).isEqualTo(crashed);
            assertThat(event.getString("reason")).contains("exited with status 7");
        });
    }

    private static ProcessTask fault(final String mode, final long timeoutMillis) {
        return ProcessTask.function("fault", FaultFunction.class)
                .input("{\"mode\":\"" + mode + "\",\"value\":\"" + mode + "\"}")
                .timeoutMillis(timeoutMillis)
                .build();
    }
}

package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Worker JVMs find their classes wherever this JVM got them; a worker that can never start stops being retried,
 * and every function task that needs it gets exactly one WorkerUnavailable outcome.
 */
class WorkerStartTest {

    private static final String MISSING = "/nonexistent/weft-worker-classes";

    @Test
    void aWorkerClassPathThatCannotStartEndsEveryFunctionTaskWorkerUnavailableOnce() throws InterruptedException {
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(2)
                .classPath(MISSING)
                .workerStartAttempts(3)
                .restartBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .fallbackHandler(driver)
                .build());
        try {
            scheduler.start();
            final long queued = scheduler
                    .submit(ProcessTask.function("s", FaultFunction.class).build())
                    .id();
            final long command = scheduler
                    .submit(ProcessTask.command("s", "/bin/echo", "[1]").build())
                    .id();
            assertThat(driver.await(queued)).isInstanceOfSatisfying(Outcome.WorkerUnavailable.class, unavailable -> {
                assertThat(unavailable.reason())
                        .contains("3 failed their start in a row")
                        .contains(MISSING)
                        .contains(WorkerMain.class.getName());
                assertThat(unavailable.stderrTail()).contains(WorkerMain.class.getName());
            });
            final long later = scheduler
                    .submit(ProcessTask.function("s", FaultFunction.class).build())
                    .id();
            assertThat(driver.await(later)).isInstanceOf(Outcome.WorkerUnavailable.class);
            assertThat(driver.await(command)).isInstanceOf(Outcome.Ok.class);
            // Nothing is timed any more: no restart is scheduled, and no worker is left.
            driver.until(() -> scheduler.childPids().isEmpty() && scheduler.adviseSleepNanos() == Long.MAX_VALUE);
            assertThat(scheduler.stats().workerStarts()).isBetween(3L, 4L);
            assertThat(scheduler.stats().unavailable()).isEqualTo(2);
        } finally {
            scheduler.stop();
        }
        assertThat(driver.count()).isEqualTo(3);
        Children.assertNoneLeft();
    }

    @Test
    void underALauncherThatHidesTheClassPathWorkersStillFindTheirClasses() throws Exception {
        final URL testClasses =
                FaultFunction.class.getProtectionDomain().getCodeSource().getLocation();
        final Driver driver = new Driver();
        final String classPath = System.getProperty("java.class.path");
        final ProcessScheduler scheduler;
        try (URLClassLoader application =
                new URLClassLoader(new URL[] {testClasses}, WorkerStartTest.class.getClassLoader())) {
            System.setProperty("java.class.path", "/nonexistent/launcher.jar");
            try {
                scheduler = driver.drive(ProcessScheduler.builder()
                        .workers(1)
                        .classLoader(application)
                        .workerStartAttempts(1)
                        .fallbackHandler(driver)
                        .build());
            } finally {
                System.setProperty("java.class.path", classPath);
            }
            try {
                scheduler.start();
                final long id = scheduler
                        .submit(ProcessTask.function("s", FaultFunction.class)
                                .input("{\"value\":\"found\"}")
                                .build())
                        .id();
                assertThat(driver.await(id))
                        .isInstanceOfSatisfying(
                                Outcome.Ok.class,
                                ok -> assertThat(ok.data().path("echo").asString())
                                        .isEqualTo("found"));
            } finally {
                scheduler.stop();
            }
        }
        Children.assertNoneLeft();
    }

    @Test
    void theDefaultClassPathNamesWeftProcessJacksonAndTheLoadersUrls() throws Exception {
        final Path extra = Path.of("/nonexistent/extra-classes");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {extra.toUri().toURL()}, WorkerStartTest.class.getClassLoader())) {
            final List<String> entries = List.of(WorkerClassPath.of(loader).split(java.io.File.pathSeparator));
            assertThat(entries)
                    .contains(
                            Path.of(WorkerMain.class
                                            .getProtectionDomain()
                                            .getCodeSource()
                                            .getLocation()
                                            .toURI())
                                    .toString(),
                            extra.toString())
                    .doesNotHaveDuplicates();
            assertThat(entries.getFirst())
                    .isEqualTo(Path.of(WorkerMain.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI())
                            .toString());
            assertThat(entries).anyMatch(entry -> entry.contains("jackson-databind"));
        }
    }
}

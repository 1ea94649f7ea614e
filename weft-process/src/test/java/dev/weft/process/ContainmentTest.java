package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Nothing a task starts outlives it or its scheduler: a task's process group is killed when its main process exits,
 * and what left the group ({@code setsid}) is killed at {@code stop()} with the scheduler's cgroup. Each test marks
 * the processes it expects killed with a unique {@code sleep 600.<token>} and walks {@code /proc} for them.
 */
class ContainmentTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private static String token() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    }

    @Test
    void aCommandsBackgroundChildDiesWhenTheCommandExits() throws InterruptedException {
        assumeThat(ProcessGroups.available())
                .as("coreutils timeout and FFM kill/getpgid")
                .isTrue();
        final String token = token();
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(
                ProcessScheduler.builder().workers(1).fallbackHandler(driver).build());
        try {
            scheduler.start();
            final long id = scheduler
                    .submit(ProcessTask.command(
                                    "c",
                                    "/bin/sh",
                                    "-c",
                                    "sleep 600." + token + " & (sleep 600." + token + " &); echo '[1]'")
                            .build())
                    .id();
            assertThat(driver.await(id)).isInstanceOf(Outcome.Ok.class);
            await().atMost(BOUND).until(() -> Procs.withArgument(token).isEmpty());
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void withoutKillGroupOnExitABackgroundChildLivesUntilStop() throws InterruptedException {
        final String token = token();
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(1)
                .killGroupOnExit(false)
                .fallbackHandler(driver)
                .build());
        final boolean contained;
        try {
            scheduler.start();
            final long id = scheduler
                    .submit(ProcessTask.command(
                                    "c", "/bin/sh", "-c", "sleep 600." + token + " > /dev/null 2>&1 & echo '[1]'")
                            .build())
                    .id();
            assertThat(driver.await(id)).isInstanceOf(Outcome.Ok.class);
            assertThat(Procs.withArgument(token)).hasSize(1);
            contained = scheduler.cgroup().isPresent();
        } finally {
            scheduler.stop();
        }
        if (contained) {
            assertThat(Procs.withArgument(token)).as("left after stop()").isEmpty();
        }
        Procs.withArgument(token).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void whatACrashedWorkersFunctionStartedDiesWithItsGroupAndWhatLeftTheGroupDiesAtStop() throws InterruptedException {
        assumeThat(ProcessGroups.available())
                .as("coreutils timeout and FFM kill/getpgid")
                .isTrue();
        final String inGroup = token();
        final String escaped = token();
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(
                ProcessScheduler.builder().workers(1).fallbackHandler(driver).build());
        final Optional<Path> cgroup;
        try {
            scheduler.start();
            driver.until(() -> scheduler.stats().workersReady() == 1);
            cgroup = scheduler.cgroup();
            // the command ends only once its background child has left the group (its session is its own), so
            // the group kill at the command's exit cannot catch it before setsid runs
            final long command = scheduler
                    .submit(ProcessTask.command(
                                    "c",
                                    "/bin/sh",
                                    "-c",
                                    "setsid sleep 600." + escaped + " > /dev/null 2>&1 & p=$!; "
                                            + "while read -r _ _ _ _ _ s _ < /proc/$p/stat && [ \"$s\" != "
                                            + "\"$p\" ]; do :; done; "
                                            + "echo '[1]'")
                            .build())
                    .id();
            final long function = scheduler
                    .submit(ProcessTask.function("f", FaultFunction.class)
                            .input("{\"mode\":\"spawn\",\"commands\":[[\"sleep\",\"600." + inGroup + "\"],"
                                    + "[\"setsid\",\"sleep\",\"600." + escaped + "\"]]}")
                            .build())
                    .id();
            assertThat(driver.await(command)).isInstanceOf(Outcome.Ok.class);
            assertThat(driver.await(function)).isInstanceOf(Outcome.WorkerCrashed.class);
            await().atMost(BOUND).until(() -> Procs.withArgument(inGroup).isEmpty());
            driver.until(() -> Procs.withArgument(escaped).size() == 2);
        } finally {
            scheduler.stop();
        }
        if (cgroup.isEmpty()) {
            Procs.withArgument(escaped).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            assumeThat(cgroup)
                    .as("a cgroup v2 hierarchy this process may write to")
                    .isPresent();
        }
        assertThat(Procs.withArgument(escaped)).as("left after stop()").isEmpty();
        assertThat(Files.exists(cgroup.orElseThrow()))
                .as("the cgroup is removed")
                .isFalse();
        Children.assertNoneLeft();
    }
}

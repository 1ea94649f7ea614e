package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Children do not outlive a scheduler's JVM that dies without stop(): when that JVM is killed with SIGKILL, a worker
 * busy in a hung function exits on its own and the parent-death guard kills every running command with its process
 * group (grandchildren included); on SIGTERM the shutdown hook kills them. A process that left its command's group
 * ({@code setsid}) dies with the scheduler's cgroup, where there is one; the test walks {@code /proc} for it.
 */
class ParentDeathTest {

    /** Whether schedulers get a cgroup of their own on this machine (the child JVM finds the same). */
    private static final boolean CONTAINED = Children.cgroupAvailable();

    @Test
    void aWorkerExitsWhenItsParentJvmIsKilled() throws IOException, InterruptedException {
        final Parent parent = Parent.start();
        try {
            parent.process.destroyForcibly();
            parent.process.waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> !parent.worker.isAlive());
        } finally {
            parent.cleanUp();
        }
    }

    @Test
    void commandTasksAndTheirGrandchildrenDieWhenTheParentJvmIsKilled() throws IOException, InterruptedException {
        assumeThat(Files.isDirectory(Path.of("/proc/self")))
                .as("a /proc file system")
                .isTrue();
        final Parent parent = Parent.start();
        try {
            assumeThat(ProcessGroups.available())
                    .as("coreutils timeout and FFM kill/getpgid")
                    .isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ProcessGroups.leads(parent.commands.getFirst())
                            && ProcessGroups.leads(parent.commands.getLast())
                            && Procs.liveMembers(List.of(parent.commands.getLast()))
                                            .size()
                                    == 4);
            assertThat(parent.guard).as("the parent-death guard's pid").isPositive();
            assertThat(Procs.liveMembers(parent.commands)).hasSize(6);
            await().atMost(Duration.ofSeconds(30)).until(() -> parent.marked().size() == 4);
            parent.process.destroyForcibly();
            parent.process.waitFor();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Procs.liveMembers(parent.commands).isEmpty()
                            && !Procs.alive(parent.guard)
                            && (!parent.contained() || parent.marked().isEmpty()));
        } finally {
            parent.cleanUp();
        }
    }

    @Test
    void workersAndCommandsEndWhenTheParentJvmIsTerminated() throws IOException, InterruptedException {
        final Parent parent = Parent.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> parent.marked().size() == 4);
            parent.process.destroy();
            parent.process.waitFor();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !parent.worker.isAlive()
                            && Procs.liveMembers(parent.commands).isEmpty()
                            && (!parent.contained() || parent.marked().isEmpty()));
        } finally {
            parent.cleanUp();
        }
    }

    /**
     * A running {@link OrphanParentMain} and its children.
     *
     * @param process the parent JVM
     * @param worker its worker
     * @param commands the pids of its two commands (each leads its own process group)
     * @param guard the pid of its parent-death guard, -1 if it has none
     * @param token the mark of its {@code setsid} escapee
     */
    private record Parent(Process process, ProcessHandle worker, List<Long> commands, long guard, String token) {

        static Parent start() throws IOException {
            final String token = Long.toString(System.nanoTime());
            final Process process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            OrphanParentMain.class.getName(),
                            token))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            final BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            final String line = out.readLine();
            assertThat(line).startsWith("CHILDREN ");
            final String[] pids = line.strip().split(" ");
            final ProcessHandle worker =
                    ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();
            final List<Long> commands = List.of(Long.parseLong(pids[2]), Long.parseLong(pids[3]));
            for (final long command : commands) {
                assertThat(ProcessHandle.of(command)
                                .flatMap(ProcessHandle::parent)
                                .map(ProcessHandle::pid))
                        .contains(process.pid());
            }
            assertThat(worker.parent().map(ProcessHandle::pid)).contains(process.pid());
            return new Parent(process, worker, commands, Long.parseLong(pids[4]), token);
        }

        /**
         * Whether the parent's scheduler had a cgroup of its own (its commands' parent-death guard then kills the
         * escapee too): the commands run under the cgroup's join step, which this JVM's containment can tell.
         */
        boolean contained() {
            return CONTAINED;
        }

        /**
         * Returns the live processes marked with the token, but for the parent JVM (which has it as its argument).
         *
         * @return their pids
         */
        List<Long> marked() {
            return Procs.withArgument(token).stream()
                    .filter(pid -> pid != process.pid())
                    .toList();
        }

        /** Kills whatever a failed test left behind. */
        void cleanUp() {
            for (final long pid : Procs.withArgument(token)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            process.destroyForcibly();
            worker.destroyForcibly();
            for (final Procs.Proc left : Procs.liveMembers(commands)) {
                ProcessHandle.of(left.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}

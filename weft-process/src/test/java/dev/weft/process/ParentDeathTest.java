package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Children do not outlive a scheduler's JVM that dies without stop(): a worker busy in a hung function exits even
 * when its JVM is killed with SIGKILL; on SIGTERM the shutdown hook also kills running commands.
 */
class ParentDeathTest {

    @Test
    void aWorkerExitsWhenItsParentJvmIsKilled() throws IOException, InterruptedException {
        final Parent parent = Parent.start();
        try {
            parent.process.destroyForcibly();
            parent.process.waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> !parent.worker.isAlive());
        } finally {
            parent.command.destroyForcibly();
            parent.process.destroyForcibly();
        }
    }

    @Test
    void workersAndCommandsEndWhenTheParentJvmIsTerminated() throws IOException, InterruptedException {
        final Parent parent = Parent.start();
        try {
            parent.process.destroy();
            parent.process.waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> !parent.worker.isAlive() && !parent.command.isAlive());
        } finally {
            parent.command.destroyForcibly();
            parent.process.destroyForcibly();
        }
    }

    /** A running {@link OrphanParentMain} and its two children. */
    private record Parent(Process process, ProcessHandle worker, ProcessHandle command) {

        static Parent start() throws IOException {
            final Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            final String line = out.readLine();
            assertThat(line).startsWith("CHILDREN ");
            final String[] pids = line.strip().split(" ");
            final ProcessHandle worker = ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();
            final ProcessHandle command = ProcessHandle.of(Long.parseLong(pids[2])).orElseThrow();
            assertThat(worker.parent().map(ProcessHandle::pid)).contains(process.pid());
            assertThat(command.parent().map(ProcessHandle::pid)).contains(process.pid());
            return new Parent(process, worker, command);
        }
    }
}

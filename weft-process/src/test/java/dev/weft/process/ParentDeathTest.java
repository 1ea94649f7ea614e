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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A worker busy in a hung function exits when its scheduler's JVM is killed with SIGKILL: no orphan. */
class ParentDeathTest {

    @Test
    void workersExitWhenTheirParentJvmIsKilled() throws IOException, InterruptedException {
        final Process parent = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            final String line = out.readLine();
            assertThat(line).startsWith("WORKER ");
            final long workerPid = Long.parseLong(line.substring("WORKER ".length()).strip());
            final Optional<ProcessHandle> worker = ProcessHandle.of(workerPid);
            assertThat(worker).isPresent();
            assertThat(worker.get().parent().map(ProcessHandle::pid)).contains(parent.pid());
            parent.destroyForcibly();
            parent.waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> !worker.get().isAlive());
        } finally {
            parent.destroyForcibly();
        }
    }
}

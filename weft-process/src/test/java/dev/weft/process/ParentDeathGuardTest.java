package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard's script on its own: at end of its input it kills the groups of the pids still registered, and only
 * those; and a guard killed from outside is replaced at the next command start.
 */
class ParentDeathGuardTest {

    private static final List<String> TREE = List.of("/bin/sh", "-c", "sleep 600 & sleep 600; wait");

    @Test
    void atEndOfInputTheGroupsStillRegisteredAreKilledAndForgottenOnesAreLeftAlone() throws IOException {
        assumeThat(ProcessGroups.available())
                .as("coreutils timeout and FFM kill/getpgid")
                .isTrue();
        final Process kept = new ProcessBuilder(ProcessGroups.leaderCommand(TREE)).start();
        final Process forgotten = new ProcessBuilder(ProcessGroups.leaderCommand(TREE)).start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Procs.liveMembers(List.of(kept.pid())).size() == 4
                            && Procs.liveMembers(List.of(forgotten.pid())).size() == 4);
            final Process guard =
                    new ProcessBuilder(List.of("/bin/sh", "-c", ParentDeathGuard.SCRIPT, "guard")).start();
            try (OutputStream lines = guard.getOutputStream()) {
                lines.write(("+ " + forgotten.pid() + "\n+ " + kept.pid() + "\n- " + forgotten.pid() + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !guard.isAlive()
                            && Procs.liveMembers(List.of(kept.pid())).isEmpty());
            assertThat(Procs.liveMembers(List.of(forgotten.pid()))).hasSize(4);
        } finally {
            ProcessTrees.kill(kept);
            ProcessTrees.kill(forgotten);
        }
    }

    @Test
    void aGuardKilledFromOutsideIsReplacedAtTheNextCommand() throws IOException {
        final Process first = new ProcessBuilder("sleep", "600").start();
        final Process second = new ProcessBuilder("sleep", "600").start();
        try {
            ParentDeathGuard.watch(first);
            final long guard = ParentDeathGuard.guardPid().orElseThrow();
            ProcessHandle.of(guard).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(30)).until(() -> !Procs.alive(guard));
            ParentDeathGuard.watch(second);
            assertThat(ParentDeathGuard.guardPid()).isPresent().get().isNotEqualTo(guard);
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
    }
}

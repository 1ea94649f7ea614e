package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Killing a child takes its whole tree, through a group signal or, without groups, a descendant listing. */
class ProcessTreesTest {

    private static final List<String> TREE = List.of("/bin/sh", "-c", "sleep 60 & sleep 60 & wait");

    @Test
    void aGroupLeaderIsKilledWithItsTreeByOneGroupSignal() throws IOException {
        assumeThat(ProcessGroups.available())
                .as("coreutils timeout and FFM kill/getpgid")
                .isTrue();
        final Process root = new ProcessBuilder(ProcessGroups.leaderCommand(TREE)).start();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        ProcessGroups.leads(root.pid()) && root.descendants().count() == 3);
        final List<ProcessHandle> tree = root.descendants().toList();
        ProcessTrees.kill(root);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !root.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    /**
     * The leader's program runs in a group of its own, led by the started process, but in this JVM's session: a new
     * session would put it in a new autogroup, which the kernel starved while this JVM was busy.
     */
    @Test
    void aLeaderKeepsItsProgramInThisJvmsSession() throws IOException, InterruptedException {
        assumeThat(ProcessGroups.available())
                .as("coreutils timeout and FFM kill/getpgid")
                .isTrue();
        final Process root = new ProcessBuilder(
                        ProcessGroups.leaderCommand(List.of("/bin/sh", "-c", "echo $(cut -d' ' -f5,6 /proc/$$/stat)")))
                .start();
        final String[] groupAndSession = new String(root.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                .trim()
                .split(" ");
        assertThat(root.waitFor()).isZero();
        final String stat = Files.readString(Path.of("/proc/self/stat"));
        final String[] ours = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(groupAndSession[0]).as("the program's process group").isEqualTo(Long.toString(root.pid()));
        assertThat(groupAndSession[1]).as("the program's session").isEqualTo(ours[3]);
    }

    /** The parent-death guard's command gets a session of its own, which it leads. */
    @Test
    void aDetachedCommandLeadsItsOwnSession() throws IOException, InterruptedException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/setsid")))
                .as("util-linux setsid")
                .isTrue();
        final Process root = new ProcessBuilder(ProcessGroups.detachedCommand(
                        List.of("/bin/sh", "-c", "echo $(cut -d' ' -f5,6 /proc/$$/stat)")))
                .start();
        final String output = new String(root.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(root.waitFor()).isZero();
        assertThat(output).isEqualTo(root.pid() + " " + root.pid());
    }

    @Test
    void withoutAGroupTheDescendantsAreListedAndKilled() throws IOException {
        final Process root = new ProcessBuilder(TREE).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> root.descendants().count() == 2);
        assertThat(ProcessGroups.leads(root.pid())).isFalse();
        final List<ProcessHandle> tree = root.descendants().toList();
        ProcessTrees.kill(root);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !root.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void stopEscalationKillsAGroupMemberThatIgnoresSigtermAfterItsLeaderDied() throws IOException {
        assumeThat(ProcessGroups.available())
                .as("coreutils timeout and FFM kill/getpgid")
                .isTrue();
        final Process root = new ProcessBuilder(ProcessGroups.leaderCommand(
                        List.of("/bin/sh", "-c", "(trap '' TERM; exec sleep 60) & exec sleep 60")))
                .start();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        ProcessGroups.leads(root.pid()) && root.descendants().count() == 2);
        final List<ProcessHandle> tree = root.descendants().toList();
        ProcessTrees.terminate(root);
        ProcessTrees.awaitOrKill(List.of(root), Duration.ofMillis(400).toNanos());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !root.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive));
    }
}

package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Killing a child takes its whole tree, through a group signal or, without groups, a descendant listing. */
class ProcessTreesTest {

    private static final List<String> TREE = List.of("/bin/sh", "-c", "sleep 60 & sleep 60 & wait");

    @Test
    void aGroupLeaderIsKilledWithItsTreeByOneGroupSignal() throws IOException {
        assumeThat(ProcessGroups.available()).as("util-linux setsid and FFM kill/getpgid").isTrue();
        final Process root = new ProcessBuilder(ProcessGroups.leaderCommand(TREE)).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessGroups.leads(root.pid())
                && root.descendants().count() == 2);
        final List<ProcessHandle> tree = root.descendants().toList();
        ProcessTrees.kill(root);
        await().atMost(Duration.ofSeconds(30)).until(() -> !root.isAlive()
                && tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void withoutAGroupTheDescendantsAreListedAndKilled() throws IOException {
        final Process root = new ProcessBuilder(TREE).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> root.descendants().count() == 2);
        assertThat(ProcessGroups.leads(root.pid())).isFalse();
        final List<ProcessHandle> tree = root.descendants().toList();
        ProcessTrees.kill(root);
        await().atMost(Duration.ofSeconds(30)).until(() -> !root.isAlive()
                && tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void stopEscalationKillsAGroupMemberThatIgnoresSigtermAfterItsLeaderDied() throws IOException {
        assumeThat(ProcessGroups.available()).as("util-linux setsid and FFM kill/getpgid").isTrue();
        final Process root = new ProcessBuilder(ProcessGroups.leaderCommand(List.of("/bin/sh", "-c",
                "(trap '' TERM; exec sleep 60) & exec sleep 60"))).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessGroups.leads(root.pid())
                && root.descendants().count() == 1);
        final ProcessHandle stubborn = root.descendants().findFirst().orElseThrow();
        ProcessTrees.terminate(root);
        ProcessTrees.awaitOrKill(List.of(root), 2, Duration.ofMillis(200).toNanos());
        await().atMost(Duration.ofSeconds(30)).until(() -> !root.isAlive() && !stubborn.isAlive());
    }
}

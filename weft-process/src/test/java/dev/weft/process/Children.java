package dev.weft.process;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, for tests, that this JVM has no child processes left (no worker, command or grandchild survives). The
 * JVM's {@link ParentDeathGuard} is not a task's process and lives as long as the JVM, so it does not count.
 */
final class Children {

    private Children() {}

    /**
     * Whether process schedulers get a cgroup of their own on this machine, so that processes that leave their
     * task's process group are killed with it.
     *
     * @return true if a scheduler's containment could make its cgroup
     */
    static boolean cgroupAvailable() {
        final Containment probe = new Containment(true);
        probe.open();
        final boolean available = probe.cgroup().isPresent();
        probe.close();
        return available;
    }

    /** Waits, generously, until no descendant of this JVM is alive. */
    static void assertNoneLeft() {
        await().atMost(Duration.ofSeconds(30)).until(() -> alive().isEmpty());
    }

    /**
     * Returns some processes and their live descendants: a child the scheduler started leads its group, and the
     * program it started runs under it.
     *
     * @param pids the processes
     * @return their pids and those of their live descendants
     */
    static List<Long> withDescendants(final List<Long> pids) {
        final List<Long> all = new ArrayList<>(pids);
        for (final long pid : pids) {
            ProcessHandle.of(pid)
                    .ifPresent(leader ->
                            leader.descendants().filter(ProcessHandle::isAlive).forEach(below -> all.add(below.pid())));
        }
        return all;
    }

    /**
     * Returns the live descendants of this JVM, but for its parent-death guard.
     *
     * @return their pids
     */
    static List<Long> alive() {
        final long guard = ParentDeathGuard.guardPid().orElse(-1L);
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .filter(pid -> pid != guard)
                .toList();
    }
}

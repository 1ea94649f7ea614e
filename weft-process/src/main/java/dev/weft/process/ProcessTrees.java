package dev.weft.process;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signals a child process together with everything it spawned, so that killing a command such as
 * {@code sh -c 'sleep 100 & sleep 100'} leaves no {@code sleep} behind as an orphan holding the pipes.
 *
 * <p>Children started by the scheduler lead their own process group ({@link ProcessGroups}); when the child is
 * confirmed to lead its group (one {@code getpgid} call, made at signal time because {@code timeout} may not have
 * run yet right after the start), the fast path is one group signal. Otherwise the descendants are listed from
 * {@code /proc} before the root is signalled, because once the root is dead its children are re-parented and can no
 * longer be found from it. {@link Process#destroyForcibly()} is SIGKILL and {@link Process#destroy()} SIGTERM on
 * Linux; the JDK's reaper thread collects the exit status of our own children, so none stays a zombie.
 */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Sends SIGKILL to a child and all its descendants.
     *
     * @param root the child
     */
    static void kill(final Process root) {
        if (ProcessGroups.leads(root.pid()) && ProcessGroups.signal(root.pid(), ProcessGroups.SIGKILL)) {
            return;
        }
        final List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Sends SIGTERM to a child and all its descendants (upstream's {@code pv_system_kill_lenient}).
     *
     * @param root the child
     */
    static void terminate(final Process root) {
        if (ProcessGroups.leads(root.pid()) && ProcessGroups.signal(root.pid(), ProcessGroups.SIGTERM)) {
            return;
        }
        final List<ProcessHandle> descendants = root.descendants().toList();
        root.destroy();
        descendants.forEach(ProcessHandle::destroy);
    }

    /**
     * Upstream's forced stop ({@code pv_system_kill_force}) over many children at once: checks liveness
     * {@code checks} times, {@code intervalNanos} apart (returning early once all are gone), then SIGKILLs whatever
     * is still alive, descendants included, and waits for the children to be reaped.
     *
     * @param children the children, already sent SIGTERM
     * @param checks how many liveness checks (upstream: 5)
     * @param intervalNanos the time between checks (upstream: 1 s)
     */
    static void awaitOrKill(final List<Process> children, final int checks, final long intervalNanos) {
        for (int i = 0; i < checks && children.stream().anyMatch(ProcessTrees::anyAlive); i++) {
            final long until = System.nanoTime() + intervalNanos;
            for (final Process child : children) {
                waitFor(child, until);
            }
            if (children.stream().anyMatch(ProcessTrees::anyAlive)) {
                sleepUntil(until);
            }
        }
        for (final Process child : children) {
            ProcessGroups.signal(child.pid(), ProcessGroups.SIGKILL);
            if (child.isAlive()) {
                kill(child);
            }
        }
        final long reapUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (final Process child : children) {
            waitFor(child, reapUntil);
        }
    }

    /**
     * Whether the child, or any member of the process group it leads, is alive.
     *
     * @param child the child
     * @return true if something is left to stop
     */
    private static boolean anyAlive(final Process child) {
        return child.isAlive() || ProcessGroups.signal(child.pid(), 0);
    }

    private static void sleepUntil(final long untilNanos) {
        boolean interrupted = false;
        long left;
        while ((left = untilNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(final Process process, final long untilNanos) {
        if (untilNanos - System.nanoTime() <= 0) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    process.waitFor(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

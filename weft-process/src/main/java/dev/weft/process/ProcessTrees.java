package dev.weft.process;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signals a process together with its descendants, so that killing a command such as {@code sh -c 'sleep 100'} does
 * not leave the {@code sleep} behind as an orphan holding the pipes.
 *
 * <p>The descendants are listed before the root is signalled: once the root is dead its children are re-parented and
 * can no longer be found from it. {@link Process#destroyForcibly()} is SIGKILL and {@link Process#destroy()} is
 * SIGTERM on Linux; the JDK's reaper thread collects the exit status of our own children, so none stays a zombie.
 */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Sends SIGKILL to a process and all its descendants.
     *
     * @param root the process
     */
    static void kill(final ProcessHandle root) {
        final List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Sends SIGTERM to a process and all its descendants (upstream's {@code pv_system_kill_lenient}).
     *
     * @param root the process
     */
    static void terminate(final ProcessHandle root) {
        final List<ProcessHandle> descendants = root.descendants().toList();
        root.destroy();
        descendants.forEach(ProcessHandle::destroy);
    }

    /**
     * Upstream's forced stop ({@code pv_system_kill_force}) over many processes at once: checks liveness
     * {@code checks} times, {@code intervalNanos} apart (returning early once all are gone), then SIGKILLs whatever
     * is still alive and waits for it to be reaped.
     *
     * @param processes processes that were already sent SIGTERM
     * @param checks how many liveness checks (upstream: 5)
     * @param intervalNanos the time between checks (upstream: 1 s)
     */
    static void awaitOrKill(final List<Process> processes, final int checks, final long intervalNanos) {
        for (int i = 0; i < checks && processes.stream().anyMatch(Process::isAlive); i++) {
            final long until = System.nanoTime() + intervalNanos;
            for (final Process process : processes) {
                waitFor(process, until);
            }
        }
        for (final Process process : processes) {
            if (process.isAlive()) {
                kill(process.toHandle());
            }
        }
        final long reapUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (final Process process : processes) {
            waitFor(process, reapUntil);
        }
    }

    private static void waitFor(final Process process, final long untilNanos) {
        final long left = untilNanos - System.nanoTime();
        if (left <= 0) {
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

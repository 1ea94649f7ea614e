package dev.weft.process;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    private ProcessTrees() {}

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
     * Upstream's forced stop ({@code pv_system_kill_force}) over many children at once, without polling: waits for
     * the children to exit, up to {@code graceNanos} in all, returning as soon as the last has; SIGKILLs whatever is
     * still alive then, descendants included; and SIGKILLs the process group of every child once it has exited, so
     * that nothing it started in its group is left behind. Then waits for the children to be reaped.
     *
     * @param children the children, already sent SIGTERM (or SIGKILL)
     * @param graceNanos how long they may take to exit on their own (upstream: 5 checks 1 s apart)
     */
    static void awaitOrKill(final List<Process> children, final long graceNanos) {
        final CompletableFuture<?>[] exits = children.stream()
                .map(child -> child.onExit().thenRun(() -> ProcessGroups.signal(child.pid(), ProcessGroups.SIGKILL)))
                .toArray(CompletableFuture[]::new);
        final CompletableFuture<Void> all = CompletableFuture.allOf(exits);
        if (!await(all, graceNanos)) {
            for (final Process child : children) {
                if (child.isAlive()) {
                    kill(child);
                }
            }
            await(all, TimeUnit.SECONDS.toNanos(10));
        }
    }

    /**
     * Waits for a future without giving up on an interrupt (the flag is kept).
     *
     * @return true if it completed in time
     */
    private static boolean await(final CompletableFuture<?> future, final long nanos) {
        final long until = System.nanoTime() + nanos;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (final InterruptedException e) {
                    interrupted = true;
                } catch (final TimeoutException e) {
                    return false;
                } catch (final ExecutionException e) {
                    return true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

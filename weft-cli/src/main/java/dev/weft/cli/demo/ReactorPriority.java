package dev.weft.cli.demo;

import dev.weft.platform.NativeThread;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Changes the kernel priority of running reactor threads: each reactor makes the change on its own thread (Linux's
 * {@code setpriority} and {@code sched_setattr} on thread 0 change the calling thread only), as a message through
 * its mailbox, so the change lands between two loop passes.
 *
 * <p>On a machine whose cores are oversubscribed, a thread that wakes for a deadline waits behind every runnable
 * thread of equal weight: a lower nice value gives the reactors a larger share, and a real-time scheduling class
 * lets them preempt every fair thread the moment they wake. Both need {@code CAP_SYS_NICE} to raise priority;
 * without it, or where the call does not exist, the reactors keep their priority and the failure comes back as a
 * note for the report instead of stopping the demo.
 */
final class ReactorPriority {

    private ReactorPriority() {}

    /**
     * Sets every reactor of some started groups to a nice value.
     *
     * @param nice the nice value, in [-20, 19]
     * @param groups the groups
     * @return one note per reactor that could not be changed, naming it and the reason; empty when all were
     */
    static List<String> nice(final int nice, final List<ReactorGroup> groups) {
        return onEachReactor(groups, "nice " + nice, () -> NativeThread.setNice(nice));
    }

    /**
     * Puts every reactor of some started groups into a scheduling class.
     *
     * @param policy the class
     * @param groups the groups
     * @return one note per reactor that could not be changed, naming it and the reason; empty when all were
     */
    static List<String> scheduling(final SchedulingPolicy policy, final List<ReactorGroup> groups) {
        return onEachReactor(groups, "scheduling class " + policy, () -> NativeThread.setSchedulingPolicy(policy));
    }

    private static List<String> onEachReactor(
            final List<ReactorGroup> groups, final String change, final Runnable action) {
        final List<String> notes = new ArrayList<>();
        for (final ReactorGroup group : groups) {
            for (final Reactor reactor : group.reactors()) {
                final CompletableFuture<Void> done = new CompletableFuture<>();
                reactor.execute(() -> {
                    try {
                        action.run();
                        done.complete(null);
                    } catch (final RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
                try {
                    done.orTimeout(10, TimeUnit.SECONDS).join();
                } catch (final CompletionException e) {
                    notes.add("reactor " + reactor.name() + " keeps its priority: " + change + " refused ("
                            + e.getCause().getMessage() + ")");
                }
            }
        }
        return notes;
    }
}

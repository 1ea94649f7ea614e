package dev.weft.cli.demo;

import dev.weft.platform.NativeThread;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Sets the nice value of running reactor threads: each reactor runs {@link NativeThread#setNice} on its own thread
 * (Linux's {@code setpriority} changes the calling thread only), as a message through its mailbox.
 *
 * <p>On a machine whose cores are oversubscribed, a thread that wakes for a deadline waits behind every runnable
 * thread of equal weight; a lower nice value gives the reactors a larger share and an earlier turn. Raising priority
 * needs {@code CAP_SYS_NICE}; without it, or where the call does not exist, the reactors keep their priority and the
 * failure comes back as a note for the report instead of stopping the demo.
 */
final class ReactorPriority {

    private ReactorPriority() {
    }

    /**
     * Sets every reactor of some started groups to a nice value.
     *
     * @param nice the nice value, in [-20, 19]
     * @param groups the groups
     * @return one note per reactor that could not be changed, naming it and the reason; empty when all were
     */
    static List<String> apply(final int nice, final List<ReactorGroup> groups) {
        final List<String> notes = new ArrayList<>();
        for (final ReactorGroup group : groups) {
            for (final Reactor reactor : group.reactors()) {
                final CompletableFuture<Void> done = new CompletableFuture<>();
                reactor.execute(() -> {
                    try {
                        NativeThread.setNice(nice);
                        done.complete(null);
                    } catch (final RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
                try {
                    done.orTimeout(10, TimeUnit.SECONDS).join();
                } catch (final CompletionException e) {
                    notes.add("reactor " + reactor.name() + " keeps its priority: nice " + nice + " refused ("
                            + e.getCause().getMessage() + ")");
                }
            }
        }
        return notes;
    }
}

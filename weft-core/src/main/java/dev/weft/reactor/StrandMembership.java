package dev.weft.reactor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The strands on one {@link Reactor}: their arrival, their moves to other reactors and their closing. Every method
 * but {@link #strands()} runs on that reactor's thread; {@link #strands()} may be read from any thread.
 */
final class StrandMembership {

    /*
     * Implementation overview.
     *
     * The strand array is copy-on-write: written only by the reactor thread at loop boundaries, published through a
     * volatile field, so readers of statistics and the watchdog see a whole array without a lock.
     *
     * A strand arrives through a reactor message (placement or a move), so it joins between two passes, and its
     * channel registrations are registered with this reactor's selector then. A move is two-phase, so a strand
     * leaves only at a loop boundary (SPDK moves a thread between reactors by message; MTL migrates a session
     * between passes): the Move control marks the strand as leaving (its mailbox, signals and tasklets are not run
     * again here), and the end of the pass detaches it, cancels its channel keys, points it at its target and posts
     * its arrival to the target. Messages posted to the strand after the move was marked stay in its mailbox and
     * run on the target. If the target has stopped, the strand stays here and the move fails.
     *
     * Closing a strand refuses new posts, waits for posters already past the closed check, runs the messages they
     * left (controls are answered as refused), interrupts and reports the virtual threads it still carries, stops
     * every tasklet, removes every registration, fails a pending move, and detaches it.
     */

    private static final Strand[] NO_STRANDS = new Strand[0];

    private final Reactor reactor;
    private final ReactorChannels channels;
    private final WorkLifecycle lifecycle;
    private final List<Strand> departing = new ArrayList<>();
    private volatile Strand[] strands = NO_STRANDS;

    StrandMembership(final Reactor reactor, final ReactorChannels channels, final WorkLifecycle lifecycle) {
        this.reactor = reactor;
        this.channels = channels;
        this.lifecycle = lifecycle;
    }

    /** The strands now; any thread. */
    Strand[] strands() {
        return strands;
    }

    /** Attaches an arriving strand and registers its channels here; reactor message. */
    void arrive(final Strand strand, final CompletableFuture<?> arrived) {
        assert reactor.inReactorThread() : "arrive off " + reactor.name() + "'s thread";
        final Strand[] now = strands;
        final Strand[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = strand;
        strands = next;
        strand.attachTo(reactor);
        strand.arrived();
        for (final Registration registration : strand.loop().registrations()) {
            if (registration.channel() != null) {
                lifecycle.registerChannel(strand, registration);
            }
        }
        arrived.complete(null);
    }

    /** Marks a strand to leave for a target at the end of this pass; a move to this reactor completes at once. */
    void beginMove(final Strand strand, final Reactor target, final CompletableFuture<Void> moved) {
        assert reactor.inReactorThread() : "beginMove off " + reactor.name() + "'s thread";
        if (target == reactor) {
            moved.complete(null);
            return;
        }
        strand.loop().beginLeaving(target, moved);
        departing.add(strand);
    }

    /**
     * Hands every strand marked in this pass to its target.
     *
     * @return how many strands left or tried to
     */
    int completeDepartures() {
        assert reactor.inReactorThread() : "completeDepartures off " + reactor.name() + "'s thread";
        if (departing.isEmpty()) {
            return 0;
        }
        final int count = departing.size();
        for (final Strand strand : departing) {
            final Reactor target = strand.loop().leavingTo();
            final CompletableFuture<Void> moved = strand.loop().endLeaving();
            detach(strand);
            strand.attachTo(target);
            strandMoved(strand, reactor, target);
            try {
                target.post(() -> target.membership().arrive(strand, moved));
            } catch (final RejectedExecutionException e) {
                strandMoved(strand, target, reactor);
                arrive(strand, new CompletableFuture<>());
                moved.completeExceptionally(e);
            }
        }
        departing.clear();
        return count;
    }

    /** Closes a strand on this reactor: see the overview. */
    void close(final Strand strand) {
        assert reactor.inReactorThread() : "close off " + reactor.name() + "'s thread";
        strand.mailbox().closeAndQuiesce();
        Object message;
        while ((message = strand.mailbox().poll()) != null) {
            if (message instanceof StrandControl control) {
                control.reject(strand);
            } else {
                reactor.runMessage(strand, (Runnable) message);
            }
        }
        strand.abandonVirtualThreads(reactor);
        strand.loop().timers().cancelAll();
        for (final Tasklet tasklet : strand.tasklets()) {
            lifecycle.stopTasklet(strand, tasklet);
        }
        for (final Registration registration : List.copyOf(strand.loop().registrations())) {
            lifecycle.deactivate(strand, registration);
        }
        if (strand.loop().leaving()) {
            strand.loop()
                    .endLeaving()
                    .completeExceptionally(new RejectedExecutionException(
                            "strand '" + strand.name() + "' closed before it could move"));
            departing.remove(strand);
        }
        detach(strand);
        strand.attachTo(null);
        strandLeft(strand, reactor);
    }

    /** Completes the moves begun, then closes every strand still here; the reactor is stopping. */
    void closeAll() {
        assert reactor.inReactorThread() : "closeAll off " + reactor.name() + "'s thread";
        completeDepartures();
        for (final Strand strand : strands) {
            close(strand);
        }
    }

    /** Whether a strand has a message or a raised signal waiting; the last check before the reactor blocks. */
    boolean anyInput() {
        for (final Strand strand : strands) {
            if (strand.mailbox().hasInput()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Charges a sleep or yield between passes to every strand as idle time: none of them had work while the reactor
     * waited. Without this a strand whose tasklets are all timed or event-driven, on a reactor that blocks between
     * them, would run only in passes that found work and report itself 100% busy.
     */
    void chargeIdle(final long nanos) {
        assert reactor.inReactorThread() : "chargeIdle off " + reactor.name() + "'s thread";
        for (final Strand strand : strands) {
            strand.loop().charge(false, nanos);
        }
    }

    /** Tells the group's placement of a completed move; a placement fault is only logged. */
    private void strandMoved(final Strand strand, final Reactor from, final Reactor to) {
        reactor.group()
                .placement()
                .ifPresent(placement -> tell(
                        () -> placement.moved(strand, from, to), "follow " + strand + " from " + from + " to " + to));
    }

    /** Tells the group's placement of a closed strand; a placement fault is only logged. */
    private void strandLeft(final Strand strand, final Reactor from) {
        reactor.group()
                .placement()
                .ifPresent(
                        placement -> tell(() -> placement.left(strand, from), "release " + strand + " from " + from));
    }

    private static void tell(final Runnable tell, final String what) {
        try {
            tell.run();
        } catch (final RuntimeException e) {
            System.getLogger(StrandMembership.class.getName())
                    .log(System.Logger.Level.WARNING, "placement failed to " + what, e);
        }
    }

    private void detach(final Strand strand) {
        final Strand[] now = strands;
        final Strand[] next = new Strand[now.length - 1];
        int at = 0;
        for (final Strand s : now) {
            if (s != strand) {
                next[at++] = s;
            }
        }
        strands = next;
        for (final Registration registration : strand.loop().registrations()) {
            channels.cancel(registration);
        }
    }
}

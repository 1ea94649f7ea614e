package dev.weft.reactor;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.Iterator;
import java.util.Set;

/**
 * Runs the event-driven tasks of the strands on one {@link Reactor} (OpenPerf's callbacks): the handlers of raised
 * signals and of ready channels. Reactor thread only.
 */
final class EventDispatch {

    /*
     * Implementation overview.
     *
     * A raised signal queues its registration on its strand (coalescing raises), and the strand's turn in the pass
     * runs up to a batch of them. Channels are polled once per pass with selectNow, after the strands, and each ready
     * handler's time is charged to its strand as busy. A handler that returns non-zero or throws is removed at once
     * (WorkLifecycle.deactivate), so it never runs again; a throw is also reported.
     */

    private final Reactor reactor;
    private final ReactorChannels channels;
    private final WorkLifecycle lifecycle;
    private final ActivityProbe probe;
    private long lastReading;

    EventDispatch(
            final Reactor reactor,
            final ReactorChannels channels,
            final WorkLifecycle lifecycle,
            final ActivityProbe probe) {
        this.reactor = reactor;
        this.channels = channels;
        this.lifecycle = lifecycle;
        this.probe = probe;
    }

    /**
     * Runs the handlers of up to a batch of a strand's raised signals.
     *
     * @return how many ran
     */
    int runSignals(final Strand strand) {
        assert reactor.inReactorThread() : "runSignals off " + reactor.name() + "'s thread";
        int ran = 0;
        Registration registration;
        while (ran < Reactor.BATCH && (registration = strand.mailbox().pollSignal()) != null) {
            if (registration.isActive() && registration.signal().consume()) {
                ran++;
                runHandler(strand, registration);
            }
        }
        return ran;
    }

    /**
     * Runs the handlers of the channels that are ready now, charging each to its strand.
     *
     * @param now the clock reading the first handler starts from
     * @return how many ran; when more than 0, {@link #lastReading()} is the clock reading after the last
     */
    int runChannels(final long now) {
        assert reactor.inReactorThread() : "runChannels off " + reactor.name() + "'s thread";
        final Set<SelectionKey> keys = selectNow();
        if (keys.isEmpty()) {
            return 0;
        }
        long start = now;
        int ran = 0;
        final Iterator<SelectionKey> it = keys.iterator();
        while (it.hasNext()) {
            final SelectionKey key = it.next();
            it.remove();
            final Registration registration = (Registration) key.attachment();
            if (key.isValid() && registration.isActive()) {
                ran++;
                runHandler(registration.strand(), registration);
                final long end = reactor.nanoTime();
                registration.strand().loop().charge(true, end - start);
                start = end;
            }
        }
        lastReading = start;
        return ran;
    }

    /** The clock reading after the last handler that {@link #runChannels} ran. */
    long lastReading() {
        return lastReading;
    }

    /** Flushes keys cancelled in this pass out of the selector (see {@link ReactorChannels}). */
    void flushCancelled() {
        assert reactor.inReactorThread() : "flushCancelled off " + reactor.name() + "'s thread";
        if (channels.flushCancelled()) {
            selectNow();
        }
    }

    private void runHandler(final Strand strand, final Registration registration) {
        probe.enter(registration);
        try {
            if (registration.handler().onEvent(registration) != 0) {
                lifecycle.deactivate(strand, registration);
            }
        } catch (final Throwable e) {
            lifecycle.deactivate(strand, registration);
            reactor.report(strand, ReactorFailure.Kind.HANDLER, registration.toString(), e);
        }
    }

    private Set<SelectionKey> selectNow() {
        try {
            return channels.selectNow();
        } catch (final IOException e) {
            reactor.report(null, ReactorFailure.Kind.REACTOR, "selectNow", e);
            return Set.of();
        }
    }
}

package dev.weft.events;

import java.util.Locale;

/**
 * Commits weft-core's Flight Recorder events for the runtime's packages. Each method costs an event object and a
 * check when Flight Recorder is not recording. Thread-safe.
 */
public final class CoreEvents {

    private CoreEvents() {}

    /**
     * Commits a {@link ReactorModeEvent}.
     *
     * @param reactor the reactor's name
     * @param from the mode before
     * @param to the mode after
     * @param cause who asked for the switch
     */
    public static void modeSwitched(final String reactor, final Enum<?> from, final Enum<?> to, final String cause) {
        final ReactorModeEvent event = new ReactorModeEvent();
        if (event.shouldCommit()) {
            event.reactor = reactor;
            event.fromMode = from.name().toLowerCase(Locale.ROOT);
            event.toMode = to.name().toLowerCase(Locale.ROOT);
            event.cause = cause;
            event.commit();
        }
    }

    /**
     * Begins a {@link StrandMoveEvent}; {@link #moveEnded} commits it.
     *
     * @param strandId the strand's id
     * @param strand the strand's name
     * @param from the index of the reactor it is on, or -1
     * @param to the index of the target reactor
     * @param cause who asked for the move
     * @return the begun event, or null when the event is not enabled
     */
    public static StrandMoveEvent moveRequested(
            final long strandId, final String strand, final int from, final int to, final String cause) {
        final StrandMoveEvent event = new StrandMoveEvent();
        if (!event.isEnabled()) {
            return null;
        }
        event.begin();
        event.strandId = strandId;
        event.strand = strand;
        event.fromReactor = from;
        event.toReactor = to;
        event.cause = cause;
        return event;
    }

    /**
     * Ends and commits a move's event.
     *
     * @param event the event from {@link #moveRequested}, or null
     * @param completed whether the strand reached the target
     */
    public static void moveEnded(final StrandMoveEvent event, final boolean completed) {
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.completed = completed;
            event.commit();
        }
    }

    /**
     * Commits a {@link TaskletFailureEvent}.
     *
     * @param reactor the reactor's name
     * @param strand the strand's name, or null
     * @param kind the kind of work that failed
     * @param source the tasklet, registration or message
     * @param error the failure
     */
    public static void failed(
            final String reactor, final String strand, final Enum<?> kind, final String source, final Throwable error) {
        final TaskletFailureEvent event = new TaskletFailureEvent();
        if (event.shouldCommit()) {
            event.reactor = reactor;
            event.strand = strand;
            event.kind = kind.name().toLowerCase(Locale.ROOT);
            event.source = source;
            event.error = String.valueOf(error);
            event.commit();
        }
    }

    /**
     * Commits a {@link WatchdogStallEvent}.
     *
     * @param reactor the reactor's name
     * @param activity what it was running
     * @param stallNanos how long it had been in it
     */
    public static void stalled(final String reactor, final String activity, final long stallNanos) {
        final WatchdogStallEvent event = new WatchdogStallEvent();
        if (event.shouldCommit()) {
            event.reactor = reactor;
            event.activity = activity;
            event.stallNanos = stallNanos;
            event.commit();
        }
    }
}

package dev.weft.reactor;

/**
 * A failure that a reactor contained: what failed, where, and the exception.
 *
 * @param reactor the name of the reactor it happened on
 * @param strand the strand it belonged to, or null for a reactor-level message
 * @param kind what kind of work failed
 * @param source the tasklet's name, the registration, or a description of the message
 * @param error the exception
 */
public record ReactorFailure(String reactor, Strand strand, Kind kind, String source, Throwable error) {

    /** The kinds of work a reactor runs. */
    public enum Kind {
        /** A tasklet's poll or start threw; the tasklet was stopped and removed. */
        TASKLET,
        /** A tasklet's stop threw; it was removed anyway. */
        TASKLET_STOP,
        /** An event handler threw; the registration was removed. */
        HANDLER,
        /** A message threw; the strand keeps running. */
        MESSAGE,
        /** The reactor's own machinery failed (a selector error). */
        REACTOR,
        /** A virtual thread carried by the strand was still alive when the strand closed; it was interrupted. */
        VIRTUAL_THREAD
    }

    /**
     * Returns a one-line description.
     *
     * @return reactor, strand, kind, source and exception
     */
    @Override
    public String toString() {
        return kind + " '" + source + "' on " + (strand == null ? "" : "strand '" + strand.name() + "' of ")
                + "reactor '" + reactor + "' failed: " + error;
    }
}

package dev.weft.reactor;

import java.util.List;

/**
 * Hears about failures that reactors contained, about reactors that the watchdog found stuck, and about reactors
 * late to start or stop. Callbacks run on the reactor thread (failures), the watchdog thread (stuck and recovered
 * reports) or the thread starting or closing the group (late reports, and the failure report of a reactor that did
 * not stop within the close grace) and must return quickly.
 */
public interface ReactorListener {

    /**
     * Called after a tasklet, handler or message failed and was isolated.
     *
     * @param failure what failed
     */
    void failed(ReactorFailure failure);

    /**
     * Called once per episode when a reactor stays in one piece of work longer than the watchdog threshold.
     *
     * @param reactor the reactor's name
     * @param activity what it is running (for example {@code tasklet 'tx' on strand 'video-1'})
     * @param stuckNanos how long it has been in it when reported
     */
    default void stuck(final String reactor, final String activity, final long stuckNanos) {}

    /**
     * Called once when a reactor that {@link #stuck} reported leaves that piece of work, with the whole stall.
     *
     * @param reactor the reactor's name
     * @param activity what it was stuck in, as {@link #stuck} described it
     * @param stalledNanos how long it stayed in it, to within a quarter of the watchdog threshold
     */
    default void recovered(final String reactor, final String activity, final long stalledNanos) {}

    /**
     * Called each warning interval (1 s by default) while a group waits for reactors that are late to start or to
     * stop. The default logs a warning through {@link System.Logger}, as OpenPerf's start handshake does.
     *
     * @param group the group's name
     * @param awaiting what the group waits for them to do ({@code "be ready"} or {@code "stop"})
     * @param reactors the names of the late reactors
     */
    default void late(final String group, final String awaiting, final List<String> reactors) {
        System.getLogger(ReactorListener.class.getPackageName())
                .log(
                        System.Logger.Level.WARNING,
                        "reactor group ''{0}'': still waiting for {1} to {2}",
                        group,
                        reactors,
                        awaiting);
    }

    /**
     * Returns a listener that logs through {@link System.Logger}.
     *
     * @return the logging listener
     */
    static ReactorListener logging() {
        final System.Logger log = System.getLogger(ReactorListener.class.getPackageName());
        return new ReactorListener() {
            @Override
            public void failed(final ReactorFailure failure) {
                log.log(System.Logger.Level.ERROR, failure.toString(), failure.error());
            }

            @Override
            public void stuck(final String reactor, final String activity, final long stuckNanos) {
                log.log(
                        System.Logger.Level.WARNING,
                        "reactor ''{0}'' is stuck in {1} for {2} ms",
                        reactor,
                        activity,
                        stuckNanos / 1_000_000);
            }

            @Override
            public void recovered(final String reactor, final String activity, final long stalledNanos) {
                log.log(
                        System.Logger.Level.WARNING,
                        "reactor ''{0}'' was stuck in {1} for {2} ms, recovered",
                        reactor,
                        activity,
                        String.format("%,d", stalledNanos / 1_000_000));
            }
        };
    }
}

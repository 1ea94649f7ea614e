package dev.weft.reactor;

/**
 * Hears about failures that reactors contained and about reactors that the watchdog found stuck. Callbacks run on
 * the reactor thread (failures) or the watchdog thread (stuck reports) and must return quickly.
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
    default void stuck(final String reactor, final String activity, final long stuckNanos) {
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
                log.log(System.Logger.Level.WARNING, "reactor ''{0}'' is stuck in {1} for {2} ms", reactor, activity,
                        stuckNanos / 1_000_000);
            }
        };
    }
}

package dev.weft.reactor;

/**
 * The handler of an event-driven task (OpenPerf's {@code event_handler}): runs on the reactor thread when its
 * notifier is ready.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * Handles readiness of the registration's notifier without blocking. Selectors are level-triggered: a channel
     * that is still readable afterwards makes the handler run again on the next pass.
     *
     * @param registration the registration whose notifier is ready
     * @return 0 to stay registered, anything else to unregister (OpenPerf's rule)
     * @throws Exception to report a failure; the registration is then removed and reported to the listener
     */
    int onEvent(Registration registration) throws Exception;
}

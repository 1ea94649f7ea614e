package dev.weft.reactor;

import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * What makes an event-driven task ready (OpenPerf's notifier): an NIO channel the reactor's selector watches, or a
 * {@link Signal} another thread raises. Periodic work is a timed {@link Tasklet}, not a notifier.
 *
 * <p>Instances are immutable values; {@link Registration#notifier()} returns one.
 */
public sealed interface Notifier {

    /**
     * A channel, ready when one of its interest operations is.
     *
     * @param channel the channel
     * @param interestOps the {@link java.nio.channels.SelectionKey} operations watched
     */
    record OfChannel(SelectableChannel channel, int interestOps) implements Notifier {

        /**
         * Checks the channel is given.
         *
         * @param channel the channel
         * @param interestOps the operations watched
         */
        public OfChannel {
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * A signal, ready from when it is raised until its task has run.
     *
     * @param signal the signal
     */
    record OfSignal(Signal signal) implements Notifier {

        /**
         * Checks the signal is given.
         *
         * @param signal the signal
         */
        public OfSignal {
            Objects.requireNonNull(signal, "signal");
        }
    }
}

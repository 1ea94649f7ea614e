package dev.weft.balance;

import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;

/**
 * What a {@link BalancingRound} tells an observer about the changes its balancer made: reactor mode switches and
 * strand moves. A test or a demo can count them; the Flight Recorder events of the same changes
 * ({@link dev.weft.events.StrandMoveEvent}, {@link dev.weft.events.ReactorModeEvent}, with the cause
 * {@code balancer <name>}) are committed by the reactors and the group themselves.
 *
 * <p><b>Implementation overview.</b> A mode switch is reported on the round's strand right after the round
 * switched the reactor. A move is reported twice: {@link #moveRequested} when the round hands it to the group, on
 * the round's strand, and the {@link MoveEnd} it returns when the owning reactor has performed or refused it, on
 * whatever thread completed the move; so an observer can measure the hand-over. Both run on reactor threads: they
 * must be quick and must not block. An exception they throw is logged and the round goes on.
 */
public interface BalancingListener {

    /** A listener that ignores everything. */
    BalancingListener NONE = new BalancingListener() {};

    /**
     * The end of one requested move.
     */
    @FunctionalInterface
    interface MoveEnd {

        /** An end that ignores the outcome. */
        MoveEnd IGNORED = completed -> {};

        /**
         * Called once, when the move completed or did not happen.
         *
         * @param completed true if the strand is now on the target reactor
         */
        void ended(boolean completed);
    }

    /**
     * Called when the round switched a reactor's mode.
     *
     * @param reactor the reactor
     * @param from its mode before
     * @param to its mode now
     * @param balancer the name of the balancer whose plan asked for it
     */
    default void modeSwitched(
            final Reactor reactor, final ReactorMode from, final ReactorMode to, final String balancer) {}

    /**
     * Called when the round asked the group to move a strand.
     *
     * @param strand the strand
     * @param from the reactor it is on
     * @param to the reactor it should move to
     * @param balancer the name of the balancer whose plan asked for it
     * @return what to call when the move has ended
     */
    default MoveEnd moveRequested(final Strand strand, final Reactor from, final Reactor to, final String balancer) {
        return MoveEnd.IGNORED;
    }
}

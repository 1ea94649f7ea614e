package dev.weft.rpc.events;

import dev.weft.balance.BalancingListener;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;

import java.util.Locale;

/**
 * Turns what a {@link dev.weft.balance.BalancingRound} reports into Flight Recorder events: a
 * {@link ReactorModeEvent} for each mode switch and a {@link StrandMoveEvent} for each move, with the cause
 * {@code balancer <name>} so that a recording tells the balancer's changes from those made through RPC.
 *
 * <p><b>Implementation overview.</b> A move's event begins when the round asks for the move and ends when the
 * owning reactor has performed or refused it, so its duration is the hand-over at the loop boundary, as for a move
 * made through {@code weft_move_strand}. When Flight Recorder is not recording, {@code shouldCommit} is false and
 * nothing but the event object is made.
 */
public final class BalancingEvents implements BalancingListener {

    /** Creates the listener. */
    public BalancingEvents() {
    }

    @Override
    public void modeSwitched(final Reactor reactor, final ReactorMode from, final ReactorMode to,
            final String balancer) {
        final ReactorModeEvent event = new ReactorModeEvent();
        if (event.shouldCommit()) {
            event.reactor = reactor.name();
            event.fromMode = from.name().toLowerCase(Locale.ROOT);
            event.toMode = to.name().toLowerCase(Locale.ROOT);
            event.cause = cause(balancer);
            event.commit();
        }
    }

    @Override
    public MoveEnd moveRequested(final Strand strand, final Reactor from, final Reactor to, final String balancer) {
        final StrandMoveEvent event = new StrandMoveEvent();
        if (!event.isEnabled()) {
            return MoveEnd.IGNORED;
        }
        event.begin();
        event.strandId = strand.id();
        event.strand = strand.name();
        event.fromReactor = from.index();
        event.toReactor = to.index();
        event.cause = cause(balancer);
        return completed -> {
            event.end();
            if (event.shouldCommit()) {
                event.completed = completed;
                event.commit();
            }
        };
    }

    private static String cause(final String balancer) {
        return "balancer " + balancer;
    }
}

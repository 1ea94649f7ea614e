package dev.weft.cli.demo;

import dev.weft.reactor.Placement;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.Strand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Placement} that hands every decision to another one (the demo's quota placement) and writes down every
 * completed strand move, so that the report can show what the balancer did.
 *
 * <p>The group tells its placement of each move after the strand has arrived ({@link #moved}, on the receiving
 * reactor's thread), which makes this the one place where every move of every balancer is seen exactly once,
 * whatever asked for it. Moves are appended under the log's lock with their time on the run's clock; readers take
 * a copy.
 */
final class MoveLog implements Placement {

    private final Placement delegate;
    private final long startNanos;
    private final List<StrandMove> moves = new ArrayList<>();

    /**
     * Wraps a placement.
     *
     * @param delegate the placement that decides
     * @param startNanos the run's start on {@link System#nanoTime()}
     */
    MoveLog(final Placement delegate, final long startNanos) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.startNanos = startNanos;
    }

    @Override
    public Reactor place(final Strand strand) {
        return delegate.place(strand);
    }

    @Override
    public void placed(final Strand strand, final Reactor reactor) {
        delegate.placed(strand, reactor);
    }

    @Override
    public void moved(final Strand strand, final Reactor from, final Reactor to) {
        delegate.moved(strand, from, to);
        final StrandMove move = new StrandMove((System.nanoTime() - startNanos) / 1e9, strand.name(), from.index(), to.index());
        synchronized (moves) {
            moves.add(move);
        }
    }

    @Override
    public void left(final Strand strand, final Reactor from) {
        delegate.left(strand, from);
    }

    /**
     * Returns the moves so far, in the order they completed.
     *
     * @return a copy of the log
     */
    List<StrandMove> moves() {
        synchronized (moves) {
            return List.copyOf(moves);
        }
    }
}

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
 * whatever asked for it. Moves are appended under the log's lock with their {@link System#nanoTime()}; readers
 * take a copy, timed from an origin of their choice.
 */
final class MoveLog implements Placement {

    /** A move as seen, on the raw clock. */
    private record Seen(long atNanos, String strand, int from, int to) {}

    private final Placement delegate;
    private final List<Seen> moves = new ArrayList<>();

    /**
     * Wraps a placement.
     *
     * @param delegate the placement that decides
     */
    MoveLog(final Placement delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
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
        final Seen move = new Seen(System.nanoTime(), strand.name(), from.index(), to.index());
        synchronized (moves) {
            moves.add(move);
        }
    }

    @Override
    public void left(final Strand strand, final Reactor from) {
        delegate.left(strand, from);
    }

    /**
     * Returns how many moves completed so far.
     *
     * @return the count
     */
    int count() {
        synchronized (moves) {
            return moves.size();
        }
    }

    /**
     * Returns the moves so far, in the order they completed.
     *
     * @param originNanos the {@link System#nanoTime()} that counts as time 0
     * @return the moves, timed in seconds since the origin
     */
    List<StrandMove> moves(final long originNanos) {
        synchronized (moves) {
            return moves.stream()
                    .map(m -> new StrandMove((m.atNanos() - originNanos) / 1e9, m.strand(), m.from(), m.to()))
                    .toList();
        }
    }
}

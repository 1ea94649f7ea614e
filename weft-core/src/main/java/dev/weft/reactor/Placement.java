package dev.weft.reactor;

/**
 * How a {@link ReactorGroup} places new strands when round-robin is not wanted, and what it must hear to keep its
 * accounts: a strand placed on a chosen reactor, moved, or gone.
 *
 * <p>The group calls {@link #place} and {@link #placed} on the thread that adds the strand, and {@link #moved} and
 * {@link #left} on the reactor thread that completes the move or the close, at a loop boundary; implementations
 * must therefore be thread-safe, and must not block, since two of the calls run on reactors.
 * {@code dev.weft.balance.QuotaPlacement} is the quota placement (MTL first fit, OpenPerf least loaded).
 */
public interface Placement {

    /**
     * Chooses a reactor for a new strand and charges the strand to it.
     *
     * @param strand a strand being added, not yet on a reactor
     * @return a reactor of the group on a CPU of the strand's mask
     * @throws RuntimeException naming the strand when no reactor can take it
     */
    Reactor place(Strand strand);

    /**
     * Charges a strand that was added to a reactor the caller chose.
     *
     * @param strand the strand
     * @param reactor its reactor
     */
    void placed(Strand strand, Reactor reactor);

    /**
     * Moves a strand's charge after it left one reactor for another.
     *
     * @param strand the strand
     * @param from the reactor it left
     * @param to the reactor it is going to
     */
    void moved(Strand strand, Reactor from, Reactor to);

    /**
     * Takes back a strand's charge after it closed.
     *
     * @param strand the strand
     * @param from the reactor it was on
     */
    void left(Strand strand, Reactor from);
}

package dev.weft.balance;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable input of a balancing round: every reactor's and strand's load since the previous round.
 *
 * <p>Reactors are listed by increasing id, and strands in the order their reactors run them (by reactor, then by
 * the order within the reactor), which is the order SPDK's policies visit them in. The constructor checks that
 * ids are unique and that every strand sits on, and may only run on, listed reactors.
 *
 * @param reactors the reactors, by increasing id
 * @param strands the strands, grouped by reactor
 * @param schedulingReactor the reactor that runs the round (SPDK's main core, where idle strands gather)
 */
public record LoadSnapshot(List<ReactorLoad> reactors, List<StrandLoad> strands, int schedulingReactor) {

    /**
     * Checks consistency and copies the lists.
     *
     * @param reactors the reactors
     * @param strands the strands
     * @param schedulingReactor the scheduling reactor
     */
    public LoadSnapshot {
        reactors = List.copyOf(reactors);
        strands = List.copyOf(strands);
        final Set<Integer> ids = new HashSet<>();
        int previous = -1;
        for (final ReactorLoad reactor : reactors) {
            if (reactor.id() <= previous) {
                throw new IllegalArgumentException(
                        "reactors must be listed by increasing id; " + reactor.id() + " follows " + previous);
            }
            previous = reactor.id();
            ids.add(reactor.id());
        }
        if (!ids.contains(schedulingReactor)) {
            throw new IllegalArgumentException("scheduling reactor " + schedulingReactor + " is not among " + ids);
        }
        final Set<Long> strandIds = new HashSet<>();
        for (final StrandLoad strand : strands) {
            if (!strandIds.add(strand.id())) {
                throw new IllegalArgumentException("strand id " + strand.id() + " appears twice");
            }
            if (!ids.contains(strand.reactor())) {
                throw new IllegalArgumentException(
                        "strand " + strand.id() + " is on unknown reactor " + strand.reactor());
            }
        }
    }

    /**
     * Returns the reactor with the given id.
     *
     * @param id a reactor id
     * @return the reactor, or empty if none has that id
     */
    public Optional<ReactorLoad> reactor(final int id) {
        return reactors.stream().filter(r -> r.id() == id).findFirst();
    }

    /**
     * Returns the strand with the given id.
     *
     * @param id a strand id
     * @return the strand, or empty if none has that id
     */
    public Optional<StrandLoad> strand(final long id) {
        return strands.stream().filter(s -> s.id() == id).findFirst();
    }

    /**
     * Returns the strands on one reactor, in their order.
     *
     * @param reactorId a reactor id
     * @return its strands
     */
    public List<StrandLoad> strandsOn(final int reactorId) {
        return strands.stream().filter(s -> s.reactor() == reactorId).toList();
    }
}

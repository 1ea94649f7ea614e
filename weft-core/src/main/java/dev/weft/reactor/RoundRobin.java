package dev.weft.reactor;

import dev.weft.platform.CpuSet;
import java.util.List;

/**
 * The default placement of a {@link ReactorGroup}: round-robin over the reactors a strand's CPU mask allows,
 * preferring reactors on the strand's NUMA node. Thread-safe.
 */
final class RoundRobin {

    /*
     * Implementation overview.
     *
     * One cursor for the group, as SPDK's g_next_core: the search starts at the cursor, takes the first allowed
     * reactor on the strand's node (or the first allowed reactor at all when none is on it, or the strand has no
     * node), and moves the cursor past the reactor chosen, so strands with the same mask alternate over it.
     */

    private final String groupName;
    private final List<Reactor> reactors;
    private int next;

    RoundRobin(final String groupName, final List<Reactor> reactors) {
        this.groupName = groupName;
        this.reactors = reactors;
    }

    /**
     * Chooses the reactor for a strand.
     *
     * @throws IllegalArgumentException if no reactor is on a CPU of the strand's mask
     */
    synchronized Reactor choose(final Strand strand) {
        final CpuSet mask = strand.cpuMask().orElse(null);
        final int size = reactors.size();
        Reactor fallback = null;
        for (int k = 0; k < size; k++) {
            final Reactor candidate = reactors.get((next + k) % size);
            if (mask != null && !mask.contains(candidate.cpu())) {
                continue;
            }
            if (strand.numaNode() < 0 || candidate.numaNode() == strand.numaNode()) {
                next = (candidate.index() + 1) % size;
                return candidate;
            }
            if (fallback == null) {
                fallback = candidate;
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(strand + ": no reactor of group '" + groupName + "' is on a CPU of its"
                    + " mask " + mask + " (reactor CPUs: "
                    + reactors.stream().map(Reactor::cpu).toList() + ")");
        }
        next = (fallback.index() + 1) % size;
        return fallback;
    }
}

package dev.weft.fork;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One scheduler's edges in the graph of external victims: the schedulers its idle workers steal from, and the
 * schedulers that steal from it (its thieves, which its spawns wake).
 *
 * <p><b>Implementation overview.</b> Both lists are copy-on-write arrays, read without locks on the search path and
 * changed only under one JVM-wide lock, so that the cycle check sees the whole graph at once. GTS leaves a cycle
 * undefined; weft rejects the edge that would close one, with the cycle in the message, because a cycle lets two
 * schedulers' waits feed on each other's tasks and breaks isolation both ways. The check is a breadth-first search
 * from the new victim back to the thief over the existing edges.
 */
final class VictimGraph {

    private static final Object LOCK = new Object();
    private static final MicroScheduler[] NONE = new MicroScheduler[0];

    private final MicroScheduler owner;
    private volatile MicroScheduler[] victims = NONE;
    private volatile MicroScheduler[] thieves = NONE;

    VictimGraph(final MicroScheduler owner) {
        this.owner = owner;
    }

    /**
     * Returns the victims, for the search. Any thread.
     *
     * @return the current array; do not modify
     */
    MicroScheduler[] victims() {
        return victims;
    }

    /**
     * Adds an edge from the owner to {@code victim}.
     *
     * @param victim the new victim
     * @return true if the edge is new
     * @throws IllegalArgumentException if the victim is the owner or the edge would close a cycle
     */
    boolean add(final MicroScheduler victim) {
        synchronized (LOCK) {
            if (victim == owner) {
                throw new IllegalArgumentException(
                        "scheduler '" + owner.name() + "' cannot be its own external victim");
            }
            final List<MicroScheduler> path = pathTo(victim, owner);
            if (path != null) {
                final StringBuilder cycle = new StringBuilder(owner.name());
                for (final MicroScheduler step : path) {
                    cycle.append(" -> ").append(step.name());
                }
                throw new IllegalArgumentException("adding '" + victim.name() + "' as an external victim of '"
                        + owner.name() + "' would close the cycle " + cycle + "; external victims must form a DAG");
            }
            if (Arrays.asList(victims).contains(victim)) {
                return false;
            }
            victims = append(victims, victim);
            final VictimGraph other = victim.victimGraph();
            other.thieves = append(other.thieves, owner);
            return true;
        }
    }

    /**
     * Removes the edge from the owner to {@code victim}.
     *
     * @param victim the victim
     * @return true if there was such an edge
     */
    boolean remove(final MicroScheduler victim) {
        synchronized (LOCK) {
            if (!Arrays.asList(victims).contains(victim)) {
                return false;
            }
            victims = without(victims, victim);
            final VictimGraph other = victim.victimGraph();
            other.thieves = without(other.thieves, owner);
            return true;
        }
    }

    /** Removes every edge into and out of the owner, for its shutdown. */
    void detach() {
        synchronized (LOCK) {
            for (final MicroScheduler victim : victims) {
                final VictimGraph other = victim.victimGraph();
                other.thieves = without(other.thieves, owner);
            }
            for (final MicroScheduler thief : thieves) {
                final VictimGraph other = thief.victimGraph();
                other.victims = without(other.victims, owner);
            }
            victims = NONE;
            thieves = NONE;
        }
    }

    /**
     * Wakes one worker of one thief scheduler, GTS's "wake 1 thief scheduler"; with several thieves, a random one,
     * so none is favoured. Any thread; a single volatile read while there are no thieves.
     */
    void wakeThief() {
        final MicroScheduler[] now = thieves;
        if (now.length == 1) {
            now[0].pool().wakeOne();
        } else if (now.length > 1) {
            now[ThreadLocalRandom.current().nextInt(now.length)].pool().wakeOne();
        }
    }

    /** The path of victim edges from {@code from} to {@code to}, both included from the second step, or null. */
    private static List<MicroScheduler> pathTo(final MicroScheduler from, final MicroScheduler to) {
        final ArrayDeque<List<MicroScheduler>> open = new ArrayDeque<>();
        open.add(List.of(from));
        final List<MicroScheduler> seen = new ArrayList<>();
        while (!open.isEmpty()) {
            final List<MicroScheduler> path = open.poll();
            final MicroScheduler last = path.get(path.size() - 1);
            if (last == to) {
                return path;
            }
            if (seen.contains(last)) {
                continue;
            }
            seen.add(last);
            for (final MicroScheduler next : last.victimGraph().victims) {
                final List<MicroScheduler> longer = new ArrayList<>(path);
                longer.add(next);
                open.add(longer);
            }
        }
        return null;
    }

    private static MicroScheduler[] append(final MicroScheduler[] array, final MicroScheduler item) {
        final MicroScheduler[] now = Arrays.copyOf(array, array.length + 1);
        now[now.length - 1] = item;
        return now;
    }

    private static MicroScheduler[] without(final MicroScheduler[] array, final MicroScheduler item) {
        return Arrays.stream(array).filter(s -> s != item).toArray(MicroScheduler[]::new);
    }
}

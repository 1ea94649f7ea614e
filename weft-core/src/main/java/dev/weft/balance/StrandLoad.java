package dev.weft.balance;

import java.util.Objects;
import java.util.Set;

/**
 * One strand as a balancing round saw it.
 *
 * @param id the strand's id, above 0 (SPDK's thread id)
 * @param name the strand's name, for reports
 * @param reactor the reactor it is on now
 * @param initialReactor the reactor it was first placed on (the static policy restores it)
 * @param allowedReactors the reactors its CPU mask allows
 * @param busy busy time since the last round
 * @param idle idle time since the last round
 * @param weight its quota in 1080p-equivalents (MTL); 0 for a strand that may share any reactor
 * @param loopBudgetNanos MTL's pacing budget: the loop time per item the strand can stand (its busy score is
 *     the reactor's average loop time against it); 0 for a strand that is never migrated for being busy
 * @param deadlineMisses deadlines the strand missed since the last round (MTL's build timeouts)
 */
public record StrandLoad(
        long id,
        String name,
        int reactor,
        int initialReactor,
        Set<Integer> allowedReactors,
        long busy,
        long idle,
        double weight,
        long loopBudgetNanos,
        long deadlineMisses) {

    /**
     * Checks the figures and copies the allowed set.
     *
     * @param id the strand's id
     * @param name the strand's name
     * @param reactor its reactor
     * @param initialReactor its first reactor
     * @param allowedReactors the reactors it may run on
     * @param busy busy time since the last round
     * @param idle idle time since the last round
     * @param weight its quota
     * @param loopBudgetNanos its pacing budget
     * @param deadlineMisses its missed deadlines
     */
    public StrandLoad {
        Objects.requireNonNull(name, "name");
        if (id <= 0) {
            throw new IllegalArgumentException("strand id " + id + " is not above 0");
        }
        allowedReactors = Set.copyOf(allowedReactors);
        if (!allowedReactors.contains(reactor)) {
            throw new IllegalArgumentException("strand " + id + " (" + name + ") is on reactor " + reactor
                    + ", outside its allowed reactors " + allowedReactors);
        }
        if (busy < 0 || idle < 0 || loopBudgetNanos < 0 || deadlineMisses < 0) {
            throw new IllegalArgumentException("strand " + id + " (" + name + ") has negative load figures");
        }
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("strand " + id + " (" + name + ") has weight " + weight);
        }
    }

    /**
     * A strand with only the load figures the SPDK policies use.
     *
     * @param id the strand's id
     * @param reactor its reactor, also its initial one
     * @param allowedReactors the reactors it may run on
     * @param busy busy time since the last round
     * @param idle idle time since the last round
     * @return the load
     */
    public static StrandLoad of(
            final long id, final int reactor, final Set<Integer> allowedReactors, final long busy, final long idle) {
        return new StrandLoad(id, "strand-" + id, reactor, reactor, allowedReactors, busy, idle, 1, 0, 0);
    }

    /**
     * Returns the strand's busy share in percent, 0 when it had no time at all.
     *
     * @return the busy percentage
     */
    public long busyPercent() {
        return Loads.busyPercent(busy, idle);
    }
}

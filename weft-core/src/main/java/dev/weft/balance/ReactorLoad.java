package dev.weft.balance;

/**
 * One reactor as a balancing round saw it: its load over the last period and the facts a policy decides by.
 *
 * @param id the reactor's index in its group; SPDK's lcore
 * @param cpu the processor it is pinned to, or -1 when it is not pinned
 * @param core the physical core of that processor (SMT siblings share it), or -1 when unknown
 * @param numaNode its NUMA node
 * @param busy busy nanoseconds (or ticks) since the last round: time in passes that did work
 * @param idle idle nanoseconds (or ticks) since the last round
 * @param isolated whether strands may neither be moved onto nor off it
 * @param interruptMode whether it is in interrupt mode now (then it does not count busy and idle, as in SPDK)
 * @param avgLoopNanos its average time per loop pass (MTL's 2 s window), 0 when unknown
 * @param sleepRatio the share of time it slept (MTL's 5 s window), in {@code [0, 1]}
 * @param allowSleep whether it may sleep at all (false for a reactor in poll mode)
 * @param busyMarked MTL's sticky busy mark: set when a migration took a strand off it, cleared only when it stops
 * @param quotaLimit its quota in 1080p-equivalents (MTL: 12)
 */
public record ReactorLoad(
        int id,
        int cpu,
        int core,
        int numaNode,
        long busy,
        long idle,
        boolean isolated,
        boolean interruptMode,
        long avgLoopNanos,
        double sleepRatio,
        boolean allowSleep,
        boolean busyMarked,
        double quotaLimit) {

    /**
     * Checks the figures.
     *
     * @param id the reactor's index
     * @param cpu its processor or -1
     * @param core its physical core or -1
     * @param numaNode its NUMA node
     * @param busy busy time since the last round
     * @param idle idle time since the last round
     * @param isolated whether it is isolated
     * @param interruptMode whether it is in interrupt mode
     * @param avgLoopNanos average loop time
     * @param sleepRatio share of time asleep
     * @param allowSleep whether it may sleep
     * @param busyMarked MTL's busy mark
     * @param quotaLimit its quota
     */
    public ReactorLoad {
        if (id < 0) {
            throw new IllegalArgumentException("reactor id " + id + " is negative");
        }
        if (busy < 0 || idle < 0 || avgLoopNanos < 0) {
            throw new IllegalArgumentException("reactor " + id + " has negative load figures: busy=" + busy + " idle="
                    + idle + " avgLoopNanos=" + avgLoopNanos);
        }
        if (!(sleepRatio >= 0 && sleepRatio <= 1)) {
            throw new IllegalArgumentException("reactor " + id + " has sleep ratio " + sleepRatio + ", outside [0, 1]");
        }
        if (!(quotaLimit >= 0)) {
            throw new IllegalArgumentException("reactor " + id + " has quota limit " + quotaLimit);
        }
    }

    /**
     * A reactor with only the load figures the SPDK policies use; the MTL fields take neutral values.
     *
     * @param id the reactor's index
     * @param busy busy time since the last round
     * @param idle idle time since the last round
     * @return the load
     */
    public static ReactorLoad of(final int id, final long busy, final long idle) {
        return new ReactorLoad(id, id, id, 0, busy, idle, false, false, 0, 0, true, false, QuotaPlacer.DEFAULT_LIMIT);
    }

    /**
     * Returns this reactor's busy share in percent, SPDK's {@code busy * 100 / (busy + idle)}, 0 when both are 0.
     *
     * @return the busy percentage
     */
    public long busyPercent() {
        return Loads.busyPercent(busy, idle);
    }

    /**
     * Returns a copy with another isolation flag.
     *
     * @param value whether the copy is isolated
     * @return the copy
     */
    public ReactorLoad withIsolated(final boolean value) {
        return new ReactorLoad(
                id,
                cpu,
                core,
                numaNode,
                busy,
                idle,
                value,
                interruptMode,
                avgLoopNanos,
                sleepRatio,
                allowSleep,
                busyMarked,
                quotaLimit);
    }
}

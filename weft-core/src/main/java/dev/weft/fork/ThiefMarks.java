package dev.weft.fork;

/**
 * What thieves leave on a worker's local scheduler: whether a steal from it failed since the demand flag was last
 * cleared (GTS's {@code hasDemand}), and which worker stole from it last (for steal-back).
 *
 * <p>Thieves write these on every steal attempt while the owner runs its tasks, so they live in an object of their
 * own, padded to whole cache lines on both sides, instead of next to the owner's counters: a thief's write then
 * never invalidates the line the owner updates on every execution. Writes are made only when the value changes.
 */
final class ThiefMarks {

    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    private volatile int lastThief = -1;
    private volatile boolean demand;
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17;

    int lastThief() {
        return lastThief;
    }

    /**
     * Records a successful steal: clears the demand flag and remembers the thief.
     *
     * @param thief the thief's index in the same scheduler, or -1 for a thief from another scheduler
     */
    void stolenBy(final int thief) {
        if (demand) {
            demand = false;
        }
        if (thief >= 0 && lastThief != thief) {
            lastThief = thief;
        }
    }

    /** Records a failed steal: the worker has unmet demand. */
    void missed() {
        if (!demand) {
            demand = true;
        }
    }

    /**
     * Returns the demand flag, clearing it if asked.
     *
     * @param clear whether to clear it
     * @return the flag before clearing
     */
    boolean demand(final boolean clear) {
        final boolean had = demand;
        if (clear && had) {
            demand = false;
        }
        return had;
    }
}

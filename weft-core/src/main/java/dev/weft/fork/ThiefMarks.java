package dev.weft.fork;

/**
 * What thieves leave on a worker's local scheduler: whether a steal from it failed since the demand flag was last
 * cleared (GTS's {@code hasDemand}), and which worker stole from it last (for steal-back).
 *
 * <p>Thieves write these on every steal attempt while the owner runs its tasks, so they live in an object of their
 * own, padded to whole cache lines on both sides, instead of next to the owner's counters: a thief's write then
 * never invalidates the line the owner updates on every execution. Writes are made only when the value changes.
 *
 * <p>The demand flag starts raised when the pool has other workers: a worker that went to sleep before this
 * scheduler was attached has never missed a steal here, yet it is hungry; for the same reason a worker raises it on
 * every other worker as it goes to sleep ({@link StealSearch#announceHunger}). Besides a successful steal, the
 * owner clears it when a task it forked on demand came back to its join unstolen ({@link Forked#join}): the demand
 * it answered was not real (or was met elsewhere), and a thief that is still hungry raises it again at its next
 * miss; but not while a worker of the pool sleeps ({@link LocalScheduler#demandAnswered}), since a sleeper misses
 * nothing until a
 * push wakes it. This keeps demand-driven forking from degenerating into always-spawn when no thief ever comes.
 */
final class ThiefMarks {

    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    private volatile int lastThief = -1;
    private volatile boolean demand;
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17;

    /**
     * Creates the marks of one worker's local scheduler.
     *
     * @param othersMayBeHungry whether other workers exist, which raises the demand flag from the start
     */
    ThiefMarks(final boolean othersMayBeHungry) {
        demand = othersMayBeHungry;
    }

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
     * Reads the demand flag without clearing it: the one load a demand-driven fork pays.
     *
     * @return true if a thief missed here since the flag was last cleared
     */
    boolean demand() {
        return demand;
    }

    /** Clears the demand flag, owner side: a task this worker forked on demand came back to its join unstolen. */
    void answered() {
        if (demand) {
            demand = false;
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

package dev.weft.process;

/**
 * When each worker slot may start its next worker: at once after a worker the scheduler killed itself (timeout,
 * cancel), and after a backoff that doubles with each consecutive crash of the slot's workers (from
 * {@code initial}, at most {@code max}) after a crash, so that a worker that cannot start (a bad JVM option, a broken
 * class path) is retried slowly instead of in a fork loop. A slot's streak ends with its next good result. Only the
 * scheduler's run thread uses it.
 */
final class RestartBackoff {

    private final long initialNanos;
    private final long maxNanos;
    private final long[] restartAtNanos;
    private final int[] crashStreak;

    /**
     * Creates the backoff of {@code slots} slots, all due at once.
     *
     * @param slots the number of worker slots
     * @param initialNanos the delay after a first crash
     * @param maxNanos the longest delay
     */
    RestartBackoff(final int slots, final long initialNanos, final long maxNanos) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.restartAtNanos = new long[slots];
        this.crashStreak = new int[slots];
    }

    /**
     * Whether an empty slot may start a worker now.
     *
     * @param slot the slot
     * @param nowNanos the current time
     * @return true if its restart time has come
     */
    boolean due(final int slot, final long nowNanos) {
        return restartAtNanos[slot] - nowNanos <= 0;
    }

    /**
     * Returns when an empty slot may start a worker.
     *
     * @param slot the slot
     * @return the time on the scheduler's clock
     */
    long restartAtNanos(final int slot) {
        return restartAtNanos[slot];
    }

    /**
     * Records a crash (or a failed start) of the slot's worker and delays the next start.
     *
     * @param slot the slot
     * @param nowNanos the current time
     */
    void crashed(final int slot, final long nowNanos) {
        crashStreak[slot]++;
        final int doublings = Math.min(crashStreak[slot] - 1, 30);
        final long delay = initialNanos << doublings;
        restartAtNanos[slot] = nowNanos + (delay <= 0 || delay > maxNanos ? maxNanos : delay);
    }

    /**
     * Records that the slot's worker was ended by the scheduler itself: the next may start at once.
     *
     * @param slot the slot
     * @param nowNanos the current time
     */
    void ended(final int slot, final long nowNanos) {
        restartAtNanos[slot] = nowNanos;
    }

    /**
     * Records a good result from the slot's worker, ending its crash streak.
     *
     * @param slot the slot
     */
    void recovered(final int slot) {
        crashStreak[slot] = 0;
    }
}

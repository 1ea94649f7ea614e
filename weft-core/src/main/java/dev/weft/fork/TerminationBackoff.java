package dev.weft.fork;

/**
 * When an idle worker stops searching and goes to sleep: GTS's {@code TerminationBackoffAdaptive}.
 *
 * <p><b>Implementation overview.</b> Each failed search calls {@link #tryToQuit()}, which pauses for about a
 * thousand spin-wait hints and then yields the processor. The worker quits searching when either
 * <ul>
 *   <li>the time spent searching since the last success exceeds the shortest real sleep this worker has seen
 *       ({@link #observeSleep}, never below {@link #MIN_SLEEP_FLOOR_NANOS}): sleeping is then cheaper than spinning
 *       on, since waking costs no more than a sleep; or</li>
 *   <li>the number of failed searches reaches twice the quit threshold, an exponentially weighted moving average
 *       (alpha 0.5, at least 1) of how many searches earlier idle periods took, so a worker that usually finds
 *       work after a few tries keeps trying and one that never does quits early.</li>
 * </ul>
 * GTS measures in processor cycles; weft uses {@link System#nanoTime()}. Single-threaded: each worker owns one.
 */
final class TerminationBackoff {

    /** The floor of the sleep estimate, GTS's 10,240 cycles at about 3 GHz. */
    static final long MIN_SLEEP_FLOOR_NANOS = 3_500;

    private static final long INITIAL_SLEEP_NANOS = 50_000;
    private static final int PAUSE_SPINS = 300;

    private long minSleepNanos = INITIAL_SLEEP_NANOS;
    private int quitThreshold = 1;
    private int quitCount;
    private long startNanos;

    /**
     * Pauses once after a failed search and says whether to stop searching.
     *
     * @return true if the worker should make a last search and then sleep
     */
    boolean tryToQuit() {
        if (quitCount == 0) {
            startNanos = System.nanoTime();
        }
        quitCount++;
        for (int i = 0; i < PAUSE_SPINS; i++) {
            Thread.onSpinWait();
        }
        Thread.yield();
        final long elapsed = System.nanoTime() - startNanos;
        if (elapsed > minSleepNanos || quitCount >= 2 * quitThreshold) {
            quitThreshold = Math.max(1, (quitThreshold + quitCount) >>> 1);
            quitCount = 0;
            return true;
        }
        return false;
    }

    /** Forgets the current idle period after a search found work. */
    void reset() {
        quitCount = 0;
    }

    /**
     * Records how long a real sleep lasted, from going to sleep to running again.
     *
     * @param nanos the length of the sleep
     */
    void observeSleep(final long nanos) {
        minSleepNanos = Math.max(MIN_SLEEP_FLOOR_NANOS, Math.min(minSleepNanos, nanos));
    }

    /**
     * Returns the current quit threshold, for tests.
     *
     * @return the moving average of quit counts, at least 1
     */
    int quitThreshold() {
        return quitThreshold;
    }
}

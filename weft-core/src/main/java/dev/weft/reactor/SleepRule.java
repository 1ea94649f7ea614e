package dev.weft.reactor;

/**
 * MTL's sleep decision ({@code sch_tasklet_sleep}) as a pure function, so that it can be tested on its own.
 *
 * <p>The reactor calls {@link #sleepNanos} with its forced sleep and the smallest non-zero advice its polled
 * tasklets gave in the pass that just found no work. A forced sleep wins; otherwise the advice is capped at the
 * default of 1 ms, which is also what a reactor sleeps when no tasklet advised anything. The caller then compares the
 * result with {@link #YIELD_THRESHOLD_NANOS}: a sleep that short would cost more in the context switch than it
 * saves, so the reactor only yields.
 */
public final class SleepRule {

    /** MTL's {@code sch_default_sleep_us}: 1 ms, the longest a sleeping reactor waits without advice. */
    public static final long DEFAULT_SLEEP_NANOS = 1_000_000L;

    /** MTL's {@code sch_zero_sleep_threshold_us}: sleeps shorter than 200 µs become a yield. */
    public static final long YIELD_THRESHOLD_NANOS = 200_000L;

    /** A value of "no advice" for {@link #sleepNanos}: no tasklet gave a non-zero advice. */
    public static final long NO_ADVICE = Long.MAX_VALUE;

    private SleepRule() {
    }

    /**
     * Decides how long an idle reactor in sleep mode sleeps.
     *
     * @param forcedNanos the forced sleep ({@code mtl_sch_set_sleep_us}), or 0 for none
     * @param minAdviceNanos the smallest non-zero advice of the polled tasklets, or {@link #NO_ADVICE}
     * @return the sleep in nanoseconds
     * @throws IllegalArgumentException if either argument is negative
     */
    public static long sleepNanos(final long forcedNanos, final long minAdviceNanos) {
        if (forcedNanos < 0) {
            throw new IllegalArgumentException("forced sleep " + forcedNanos + " ns is negative");
        }
        if (minAdviceNanos < 0) {
            throw new IllegalArgumentException("sleep advice " + minAdviceNanos + " ns is negative");
        }
        if (forcedNanos > 0) {
            return forcedNanos;
        }
        return Math.min(DEFAULT_SLEEP_NANOS, minAdviceNanos == 0 ? NO_ADVICE : minAdviceNanos);
    }

    /**
     * Whether a sleep of this length should only be a yield.
     *
     * @param sleepNanos the decided sleep
     * @return true below {@link #YIELD_THRESHOLD_NANOS}
     */
    public static boolean yieldsInstead(final long sleepNanos) {
        return sleepNanos < YIELD_THRESHOLD_NANOS;
    }
}

package dev.weft.reactor;

import java.time.Duration;

/**
 * MTL's sleep decision ({@code sch_tasklet_sleep}) as a pure function, so that it can be tested on its own.
 *
 * <p>The reactor calls {@link #sleepNanos} with its forced sleep, its default sleep and the smallest non-zero advice
 * its polled tasklets gave in the pass that just found no work. A forced sleep wins; otherwise the advice is capped at
 * the default sleep, which is also what a reactor sleeps when no tasklet advised anything. The caller then compares
 * the result with {@link #YIELD_THRESHOLD_NANOS}: a sleep that short would cost more in the context switch than it
 * saves, so the reactor only yields.
 *
 * <p>MTL fixes the default at 1 ms ({@link #DEFAULT_SLEEP_NANOS}), which bounds how long a tasklet that polls
 * without advising waits for its next poll. A reactor whose tasklets all advise (pacers whose next deadline is known)
 * pays for that bound with wake-ups that find nothing to do: a pacer with a 4 ms interval wakes four times per
 * deadline. weft therefore lets a reactor raise its default ({@link Reactor#defaultSleep(Duration)});
 * posts, signals and timed tasklets still end a sleep early.
 */
final class SleepRule {

    /**
     * MTL's {@code sch_default_sleep_us}: 1 ms, the longest a sleeping reactor waits without advice, unless the
     * reactor is given another default.
     */
    public static final long DEFAULT_SLEEP_NANOS = 1_000_000L;

    /** MTL's {@code sch_zero_sleep_threshold_us}: sleeps shorter than 200 µs become a yield. */
    public static final long YIELD_THRESHOLD_NANOS = 200_000L;

    /** A value of "no advice" for {@link #sleepNanos}: no tasklet gave a non-zero advice. */
    public static final long NO_ADVICE = Long.MAX_VALUE;

    private SleepRule() {}

    /**
     * Decides how long an idle reactor in sleep mode sleeps.
     *
     * @param forcedNanos the forced sleep ({@code mtl_sch_set_sleep_us}), or 0 for none
     * @param defaultNanos the default sleep, which also caps advice; positive
     * @param minAdviceNanos the smallest non-zero advice of the polled tasklets, or {@link #NO_ADVICE}
     * @return the sleep in nanoseconds
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static long sleepNanos(final long forcedNanos, final long defaultNanos, final long minAdviceNanos) {
        if (forcedNanos < 0) {
            throw new IllegalArgumentException("forced sleep " + forcedNanos + " ns is negative");
        }
        if (defaultNanos <= 0) {
            throw new IllegalArgumentException("default sleep " + defaultNanos + " ns is not positive");
        }
        if (minAdviceNanos < 0) {
            throw new IllegalArgumentException("sleep advice " + minAdviceNanos + " ns is negative");
        }
        if (forcedNanos > 0) {
            return forcedNanos;
        }
        return Math.min(defaultNanos, minAdviceNanos == 0 ? NO_ADVICE : minAdviceNanos);
    }

    /**
     * Checks a default sleep ({@link Reactor#defaultSleep(Duration)}) and returns it in nanoseconds.
     *
     * @param sleep the default sleep
     * @return its length in nanoseconds
     * @throws IllegalArgumentException if it is under 1 µs
     */
    static long defaultSleepNanos(final Duration sleep) {
        if (sleep.toNanos() < 1_000) {
            throw new IllegalArgumentException("default sleep " + sleep + " is under 1 µs");
        }
        return sleep.toNanos();
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

package dev.weft.reactor;

/**
 * The clock a reactor reads for its pass accounting: {@link System#nanoTime()} unless a test injects another
 * ({@link ReactorGroupBuilder#nanoClock(NanoClock)}), so that busy, idle and per-tasklet times can be checked to
 * the nanosecond. Read on the reactor thread only.
 */
@FunctionalInterface
interface NanoClock {

    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /**
     * Reads the clock.
     *
     * @return nanoseconds on {@link System#nanoTime()}'s scale
     */
    long nanoTime();
}

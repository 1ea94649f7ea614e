package dev.weft.reactor;

/**
 * How a reactor measures the time of each tasklet's polls ({@link TaskletStats#busyNanos()},
 * {@link TaskletStats#idleNanos()}). Reactor and strand busy and idle time are exact either way: they take one
 * clock reading per strand per pass.
 */
public enum TaskletTiming {

    /**
     * Times every poll with the clock (MTL's {@code MTL_FLAG_TASKLET_TIME_MEASURE}, SPDK's per-poller TSC): exact, at
     * the price of a clock reading per poll.
     */
    EXACT,

    /**
     * Times every poll of one pass in {@value TaskletDispatch#SAMPLE_EVERY} and counts each sampled poll's time that
     * many times over, so per-tasklet times are unbiased estimates; run counts stay exact. The default: an idle pass
     * then costs close to a bare loop over the tasklets.
     */
    SAMPLED
}

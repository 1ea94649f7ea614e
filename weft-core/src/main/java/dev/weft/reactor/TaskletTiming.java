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
     * In one pass of a strand in {@value TaskletDispatch#SAMPLE_EVERY}, times the poll of one of its tasklets, each in
     * turn, and counts that time {@value TaskletDispatch#SAMPLE_EVERY} times the strand's tasklet count over, so
     * per-tasklet times are unbiased estimates; run counts stay exact. The default: an idle pass then costs close to
     * a bare loop over the tasklets, with two more clock readings per strand in one pass in
     * {@value TaskletDispatch#SAMPLE_EVERY}, however many tasklets it has.
     */
    SAMPLED
}

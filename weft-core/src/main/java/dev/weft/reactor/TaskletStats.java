package dev.weft.reactor;

/**
 * An immutable reading of one tasklet's counters.
 *
 * @param name the tasklet's name
 * @param runs how many times it was polled
 * @param busyRuns how many polls returned more than 0
 * @param busyNanos time spent in polls that returned more than 0
 * @param idleNanos time spent in polls that returned 0
 * @param id the tasklet's id
 * @param periodNanos the period of a timed tasklet, 0 for a polled one
 * @param paused whether it is paused
 * @param missedPeriods for a timed tasklet, the whole periods it missed because its reactor polled it late (held up by
 *     other work); 0 for a polled one
 * @param timesSampled whether {@code busyNanos} and {@code idleNanos} are estimates from sampled passes
 *     ({@link TaskletTiming#SAMPLED}, the default) rather than the sum of every poll's time
 *     ({@link TaskletTiming#EXACT}); {@code runs} and {@code busyRuns} are exact either way
 */
public record TaskletStats(
        String name,
        long runs,
        long busyRuns,
        long busyNanos,
        long idleNanos,
        long id,
        long periodNanos,
        boolean paused,
        long missedPeriods,
        boolean timesSampled) {}

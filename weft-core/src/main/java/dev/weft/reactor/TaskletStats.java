package dev.weft.reactor;

/**
 * An immutable reading of one tasklet's counters.
 *
 * @param name the tasklet's name
 * @param runs how many times it was polled
 * @param busyRuns how many polls returned more than 0
 * @param busyNanos time spent in polls that returned more than 0
 * @param idleNanos time spent in polls that returned 0
 */
public record TaskletStats(String name, long runs, long busyRuns, long busyNanos, long idleNanos) {
}

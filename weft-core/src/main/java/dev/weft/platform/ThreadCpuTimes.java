package dev.weft.platform;

/**
 * The CPU time one thread has used so far, split as the kernel accounts it ({@code getrusage(RUSAGE_THREAD)}).
 *
 * @param userNanos time spent running the thread's own code
 * @param systemNanos time the kernel spent on the thread's behalf (system calls, page faults)
 */
public record ThreadCpuTimes(long userNanos, long systemNanos) {

    /**
     * Checks the times.
     *
     * @param userNanos time spent running the thread's own code
     * @param systemNanos time the kernel spent on the thread's behalf
     * @throws IllegalArgumentException if either is negative
     */
    public ThreadCpuTimes {
        if (userNanos < 0 || systemNanos < 0) {
            throw new IllegalArgumentException(
                    "CPU times " + userNanos + " ns user, " + systemNanos + " ns system: neither may be negative");
        }
    }

    /**
     * Returns user plus system time.
     *
     * @return the total in nanoseconds
     */
    public long totalNanos() {
        return userNanos + systemNanos;
    }
}

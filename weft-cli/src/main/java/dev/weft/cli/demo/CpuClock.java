package dev.weft.cli.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * CPU time of a set of live threads, read through {@link ThreadMXBean} (user plus system time of each thread).
 * A thread that has already ended counts 0, so callers read before they stop their threads.
 */
final class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock() {}

    /**
     * Adds up the CPU time of some threads.
     *
     * @param threads the threads
     * @return their CPU time in nanoseconds, or -1 where the JVM does not measure thread CPU time
     */
    static long nanos(final List<Thread> threads) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (final Thread thread : threads) {
            total += Math.max(0, THREADS.getThreadCpuTime(thread.threadId()));
        }
        return total;
    }
}

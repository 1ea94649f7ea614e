package dev.weft.reactor;

import dev.weft.platform.NativeCallException;
import dev.weft.platform.NativeThread;
import dev.weft.platform.ThreadCpuTimes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A reactor thread's own CPU clock: the reactor thread samples its user and system CPU time at loop boundaries, at a
 * bounded rate, and {@link Reactor#stats()} reads the last {@link Sample} from any thread for the price of one load.
 * A reading lags the thread's true CPU time by at most the CPU of one sampling period plus the pass under way; it
 * carries its {@link System#nanoTime()} so a reader can see its age. Times read -1 where the JVM has no thread CPU
 * clock, or when a native call fails.
 *
 * <p>Single writer: {@link #sample}, {@link #atPassEnd} and {@link #beforeLongSleep} run on the reactor thread only
 * (asserted); {@link #last()} is safe from any thread.
 */
final class CpuSampler {

    /*
     * Implementation overview.
     *
     * Clock. A thread asking for its own times with getrusage(RUSAGE_THREAD) (NativeThread.currentThreadCpuTimes())
     * pays one system call, under a microsecond; asking the JDK for another thread's user time reads
     * /proc/self/task/<tid>/stat on Linux, which is why the reactor samples itself and readers take the last sample.
     *
     * When. The reactor calls atPassEnd after every pass; it samples when PERIOD_NANOS (5 ms) of wall time have passed
     * since the last sample, so a busy reactor pays about 1 µs per 5 ms (0.02%). The idler calls beforeLongSleep
     * before it blocks for longer than that period or without a deadline (isLong); it samples then unless the last
     * sample is under MIN_GAP_NANOS (1 ms) old, so a reactor woken thousands of times a second still samples at most
     * once a millisecond. A blocked thread uses no CPU, so the reading stays exact through a long sleep.
     *
     * Staleness. A reading lags by at most the CPU the thread used in the period of wall time before the last loop
     * boundary, plus the pass under way: the same boundary semantics as the busy and idle counters, which are charged
     * at the end of each pass.
     *
     * Fallback. Without native calls (or when the probe call at construction fails) the sampler uses the JDK's clocks
     * for the current thread (total time is a cheap clock read, user time is the /proc read), sampled twenty times
     * less often (every 100 ms, at most every 20 ms before a sleep); without a thread CPU clock the times read -1.
     *
     * Publication. The writer builds an immutable Sample and stores it in a volatile field; the first thread to sample
     * becomes the writer, and later samples assert they run on it.
     */

    /** Wall time between two samples of a running reactor with native calls. */
    static final long PERIOD_NANOS = 5_000_000L;

    /** The shortest gap between two samples taken before sleeps, with native calls. */
    static final long MIN_GAP_NANOS = 1_000_000L;

    private static final long FALLBACK_SLOWDOWN = 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * One reading of the thread's CPU clock.
     *
     * @param userNanos user CPU time, or -1 where unsupported
     * @param systemNanos system CPU time, or -1 where unsupported
     * @param atNanos the {@link System#nanoTime()} of the reading, or 0 before the first
     */
    record Sample(long userNanos, long systemNanos, long atNanos) {}

    private static final Sample NONE = new Sample(-1, -1, 0);

    private final boolean nativeTimes;
    private final boolean jdkTimes;
    private final long period;
    private final long minGap;
    private volatile Sample last = NONE;
    private long lastAt;
    private Thread writer;

    /** Creates a sampler that uses {@code getrusage} where it can, else the JDK's thread clocks. */
    CpuSampler() {
        this(NativeThread.isSupported());
    }

    /**
     * Creates a sampler.
     *
     * @param useNative whether to try {@code getrusage}; false forces the JDK's clocks (for tests)
     */
    CpuSampler(final boolean useNative) {
        this.nativeTimes = useNative && probeNative();
        this.jdkTimes = !nativeTimes && THREADS.isCurrentThreadCpuTimeSupported();
        final long slowdown = nativeTimes ? 1 : FALLBACK_SLOWDOWN;
        this.period = PERIOD_NANOS * slowdown;
        this.minGap = MIN_GAP_NANOS * slowdown;
    }

    private static boolean probeNative() {
        try {
            NativeThread.currentThreadCpuTimes();
            return true;
        } catch (final RuntimeException unsupported) {
            return false;
        }
    }

    /**
     * Whether the samples come from {@code getrusage}.
     *
     * @return true for the native clock, false for the JDK's
     */
    boolean usesNativeClock() {
        return nativeTimes;
    }

    /**
     * Returns the last sample; any thread.
     *
     * @return the sample, with -1 times before the first or where unsupported
     */
    Sample last() {
        return last;
    }

    /**
     * Samples now; on the reactor thread only.
     *
     * @param now the current {@link System#nanoTime()}
     */
    void sample(final long now) {
        if (writer == null) {
            writer = Thread.currentThread();
        }
        assert writer == Thread.currentThread() : "sample off the thread that sampled first, " + writer;
        lastAt = now;
        if (nativeTimes) {
            try {
                final ThreadCpuTimes times = NativeThread.currentThreadCpuTimes();
                last = new Sample(times.userNanos(), times.systemNanos(), now);
                return;
            } catch (final NativeCallException refused) {
                last = new Sample(-1, -1, now);
                return;
            }
        }
        if (jdkTimes) {
            final long total = THREADS.getCurrentThreadCpuTime();
            final long user = THREADS.getCurrentThreadUserTime();
            last = new Sample(user, total < 0 || user < 0 ? -1 : Math.max(0, total - user), now);
        } else {
            last = new Sample(-1, -1, now);
        }
    }

    /**
     * Samples if a period has passed since the last sample; on the reactor thread, at the end of a pass.
     *
     * @param now the pass's end
     */
    void atPassEnd(final long now) {
        if (now - lastAt >= period) {
            sample(now);
        }
    }

    /**
     * Samples before a long block unless the last sample is very recent; on the reactor thread.
     *
     * @param now the current {@link System#nanoTime()}
     */
    void beforeLongSleep(final long now) {
        if (now - lastAt >= minGap) {
            sample(now);
        }
    }

    /**
     * Whether a sleep of this length counts as long: longer than a period, or without a deadline.
     *
     * @param nanos the sleep, or a negative value for none
     * @return true if the sampler wants a sample before it
     */
    boolean isLong(final long nanos) {
        return nanos < 0 || nanos > period;
    }
}

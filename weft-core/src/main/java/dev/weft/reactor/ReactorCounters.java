package dev.weft.reactor;

import dev.weft.platform.NativeThread;
import dev.weft.platform.NativeUnsupportedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The loop counters of one {@link Reactor}: busy and idle time, passes, sleeps, wake-ups and yields, plus two
 * windowed figures MTL reports per scheduler, the average pass length over the last 2 s and the share of time slept
 * over the last 5 s, and the CPU the reactor thread last ran on (read with the average, so at most every 2 s).
 *
 * <p><b>Single writer.</b> Only the reactor thread calls the writing methods; each counter lives in one slot of a
 * {@code long} array and is published with an opaque store, so any thread can read a consistent value of each
 * counter without a lock or a fence on the reactor's side (the counters of one snapshot may be a pass apart). The
 * window bookkeeping is plain fields the reactor thread alone touches.
 */
final class ReactorCounters {

    private static final long AVG_WINDOW_NANOS = 2_000_000_000L;
    private static final long RATIO_WINDOW_NANOS = 5_000_000_000L;

    private static final int BUSY = 0;
    private static final int IDLE = 1;
    private static final int LOOPS = 2;
    private static final int AVG = 3;
    private static final int SLEEP = 4;
    private static final int RATIO = 5;
    private static final int SLEEPS = 6;
    private static final int WAKEUPS = 7;
    private static final int YIELDS = 8;
    private static final int CPU = 9;
    private static final int COUNT = 10;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots = new long[COUNT];
    private long avgWindowStart;
    private long avgWindowLoops;
    private long ratioWindowStart;
    private long ratioWindowSleep;
    private Thread writer;

    ReactorCounters() {
        SLOT.setOpaque(slots, CPU, -1L);
    }

    /**
     * Opens the windows and records the CPU; called by the reactor thread before its first pass.
     *
     * @param now the loop's clock
     */
    void start(final long now) {
        writer = Thread.currentThread();
        avgWindowStart = now;
        ratioWindowStart = now;
        recordCpu();
    }

    /**
     * Counts a pass and closes a window that has run its length.
     *
     * @param busy whether the pass found work
     * @param nanos the pass's length
     * @param end the loop's clock at its end
     */
    void pass(final boolean busy, final long nanos, final long end) {
        assert onWriterThread() : "pass off the reactor thread";
        add(busy ? BUSY : IDLE, nanos);
        add(LOOPS, 1);
        avgWindowLoops++;
        if (end - avgWindowStart > AVG_WINDOW_NANOS) {
            SLOT.setOpaque(slots, AVG, (end - avgWindowStart) / avgWindowLoops);
            avgWindowStart = end;
            avgWindowLoops = 0;
            recordCpu();
        }
        if (end - ratioWindowStart > RATIO_WINDOW_NANOS) {
            final double ratio = ratioWindowSleep * 100.0 / (end - ratioWindowStart);
            SLOT.setOpaque(slots, RATIO, Double.doubleToRawLongBits(ratio));
            ratioWindowStart = end;
            ratioWindowSleep = 0;
        }
    }

    /**
     * Counts a yield in place of a short sleep.
     *
     * @param nanos the time it took, counted as idle
     */
    void yielded(final long nanos) {
        assert onWriterThread() : "yielded off the reactor thread";
        add(YIELDS, 1);
        add(IDLE, nanos);
    }

    /**
     * Counts a sleep.
     *
     * @param nanos how long it lasted, counted as idle and as slept
     * @param woken whether a post, a signal or a ready channel ended it
     */
    void slept(final long nanos, final boolean woken) {
        assert onWriterThread() : "slept off the reactor thread";
        if (woken) {
            add(WAKEUPS, 1);
        }
        add(SLEEP, nanos);
        add(SLEEPS, 1);
        add(IDLE, nanos);
        ratioWindowSleep += nanos;
    }

    /** Whether the caller is the thread that called {@link #start}, the one writer; for asserts. */
    private boolean onWriterThread() {
        return Thread.currentThread() == writer;
    }

    long busyNanos() {
        return read(BUSY);
    }

    long idleNanos() {
        return read(IDLE);
    }

    long loops() {
        return read(LOOPS);
    }

    long avgLoopNanos() {
        return read(AVG);
    }

    long sleepNanos() {
        return read(SLEEP);
    }

    double sleepRatio() {
        return Double.longBitsToDouble(read(RATIO));
    }

    long sleeps() {
        return read(SLEEPS);
    }

    long wakeups() {
        return read(WAKEUPS);
    }

    long yields() {
        return read(YIELDS);
    }

    int cpu() {
        return (int) read(CPU);
    }

    /** The counters with the reactor's identity, mode and CPU times, as {@link Reactor#stats()} returns them. */
    ReactorStats snapshot(
            final int index,
            final String name,
            final int cpu,
            final Idler idler,
            final int threadId,
            final CpuSampler.Sample times,
            final List<StrandStats> strands) {
        return new ReactorStats(
                index,
                name,
                cpu,
                idler.mode(),
                idler.effectiveMode(),
                busyNanos(),
                idleNanos(),
                loops(),
                avgLoopNanos(),
                sleepNanos(),
                sleepRatio(),
                sleeps(),
                wakeups(),
                yields(),
                threadId,
                cpu(),
                times.userNanos(),
                times.systemNanos(),
                times.atNanos(),
                strands);
    }

    private void recordCpu() {
        try {
            SLOT.setOpaque(slots, CPU, (long) NativeThread.currentCpu());
        } catch (final NativeUnsupportedException e) {
            SLOT.setOpaque(slots, CPU, -1L);
        }
    }

    private long read(final int slot) {
        return (long) SLOT.getOpaque(slots, slot);
    }

    private void add(final int slot, final long delta) {
        SLOT.setOpaque(slots, slot, slots[slot] + delta);
    }
}

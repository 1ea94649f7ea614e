package dev.weft.rpc.methods;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /proc/stat} readings for {@code framework_get_reactors}, kept off the request path.
 *
 * <p><b>Why.</b> The kernel generates the whole file on each open, summing every CPU's and every interrupt's
 * counters: 0.2 to 1.4 ms on a shared two-core VM. Read on the request path once per jiffy, as before, that cost
 * landed on one request in every few dozen at a high request rate and set the p99 latency.
 *
 * <p><b>Rule.</b> A reading under {@link #FRESH_NANOS} (250 ms, 25 jiffies at USER_HZ 100) old is served as it
 * is. One under {@link #USABLE_NANOS} (500 ms) old is served too, and a refresh is started on the refresher unless
 * one is already running; so a steady stream of requests never waits for the file. An older reading, or none, is
 * replaced by reading the file on the caller's thread, so an occasional caller such as {@code spdk_top} (one request
 * a second) always gets counters at most a read old. A reading is stamped with the time its read began. Served
 * counters are therefore never more than 500 ms old, and the file is read at most 4 times a second however many
 * requests come.
 *
 * <p><b>Why 250 ms and not one tick.</b> A read that finds the kernel's data cold, as every read spaced a few
 * milliseconds from the last does, costs 250 to 700 µs of CPU (most of it in the kernel; a read repeated in a
 * tight loop costs 60 to 80 µs), and each background refresh also wakes a virtual-thread carrier. Measured with
 * {@code RpcServeCpuCost} on the two-core VM, a client polling 100 times a second cost 316 µs of serving CPU per
 * request with 50 ms / 100 ms bounds (20 reads a second: 3.2% of a core, against a bare echo server's 0.7% at the
 * same rate), 243 µs with the reads moved onto the request thread, and 90 µs with no reads at all; the issue's
 * budget for the control plane's whole cost to the reactors at that rate is 2% of a core. With 250 ms / 500 ms the
 * reads cost that poller about 1.5 ms of CPU a second. The price is age: a client polling faster than twice a
 * second computes usage from counters up to half a second old, so its figures lag by up to one of its periods
 * (the counters only advance by whole ticks anyway, so usage over a period of a few ticks is coarse already); a
 * client polling once a second or slower, such as {@code spdk_top}, always finds the last reading over 500 ms old
 * and gets a fresh read.
 */
final class ProcStatCache {

    /** Age under which a reading is served without refreshing it. */
    static final long FRESH_NANOS = 250_000_000L;

    /** Age under which a reading is still served while a refresh runs in the background. */
    static final long USABLE_NANOS = 500_000_000L;

    /** A reading and the {@link System#nanoTime()} at which its read began. */
    private record Reading(long readNanos, ProcStat stat) {
    }

    private final Path file;
    private final Executor refresher;
    private final AtomicReference<Reading> last = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /**
     * Creates a cache.
     *
     * @param file the {@code /proc/stat}-formatted file
     * @param refresher runs background refreshes
     */
    ProcStatCache(final Path file, final Executor refresher) {
        this.file = Objects.requireNonNull(file, "file");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
    }

    /**
     * Creates a cache that refreshes on a virtual thread.
     *
     * @param file the {@code /proc/stat}-formatted file
     * @return the cache
     */
    static ProcStatCache refreshingInBackground(final Path file) {
        return new ProcStatCache(file, task -> Thread.ofVirtual().name("weft-rpc-procstat").start(task));
    }

    /**
     * Returns the counters by the rule of the class comment.
     *
     * @param now the current {@link System#nanoTime()}
     * @return the counters
     */
    ProcStat get(final long now) {
        final Reading reading = last.get();
        if (reading != null) {
            final long age = now - reading.readNanos();
            if (age < FRESH_NANOS) {
                return reading.stat();
            }
            if (age < USABLE_NANOS) {
                if (refreshing.compareAndSet(false, true)) {
                    refresher.execute(this::refresh);
                }
                return reading.stat();
            }
        }
        return read(now);
    }

    private void refresh() {
        try {
            read(System.nanoTime());
        } finally {
            refreshing.set(false);
        }
    }

    private ProcStat read(final long start) {
        final ProcStat fresh = ProcStat.read(file);
        last.accumulateAndGet(new Reading(start, fresh),
                (old, candidate) -> old != null && old.readNanos() - candidate.readNanos() > 0 ? old : candidate);
        return fresh;
    }
}

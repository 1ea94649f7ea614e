package dev.weft.rpc.methods;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code /proc/stat} readings for {@code framework_get_reactors}, read a few times a second however many requests
 * come.
 *
 * <p><b>Why.</b> The kernel generates the whole file on each open, summing every CPU's and every interrupt's
 * counters: 0.1 to 1.4 ms on a shared two-core VM. Read on the request path once per jiffy, as at first, that cost
 * landed on one request in every few dozen at a high request rate and set the p99 latency.
 *
 * <p><b>Rule.</b> A reading under {@link #FRESH_NANOS} (250 ms, 25 jiffies at USER_HZ 100) old is served as it
 * is. One under {@link #USABLE_NANOS} (500 ms) old is replaced by the first caller that finds it so, which reads the
 * file on its own thread, while callers that come during that read are served the old reading rather than reading
 * too; so the file is read at most 4 times a second, one read at a time, and of a stream of requests only one in
 * every 250 ms waits for it. An older reading, or none, is replaced by reading the file on the caller's thread, so
 * an occasional caller such as {@code spdk_top} (one request a second) always gets counters at most a read old. A
 * reading is stamped with the time its read began. Served counters are therefore never more than 500 ms old.
 *
 * <p><b>Why on the caller's thread.</b> The refresh used to run on a virtual thread started for it, so that no
 * request waited. At a few refreshes a second that code never gets compiled: a perf profile of the carrier showed
 * most of a refresh's CPU in the interpreter, starting, mounting and parking the virtual thread, and the kernel's
 * work on the file a small part; at 100 requests/s the carrier's CPU time came to about 20 µs per request
 * (500 µs a refresh). Read by the request that finds the reading stale, a refresh costs
 * the read itself and wakes no other thread. The price is that one request in 250 ms waits for the file (0.1 to
 * 1.4 ms); at the request rates where p99 latency matters that is far fewer than one in a hundred.
 *
 * <p><b>Why 250 ms and not one tick.</b> A read that finds the kernel's data cold, as every read spaced a few
 * milliseconds from the last does, costs far more than a read repeated in a tight loop, most of it in the kernel.
 * Measured with {@code RpcServeCpuCost} on the two-core VM, a client polling 100 times a second cost 316 µs of
 * serving CPU per request with 50 ms / 100 ms bounds (20 reads a second), 243 µs with the reads moved onto the
 * request thread, and 90 µs with no reads at all; weft's budget for the control plane's whole cost to the
 * reactors at that rate is 2% of a core. The price is age: a client polling faster than twice a second computes
 * usage from counters up to half a second old, so its figures lag by up to one of its periods (the counters only
 * advance by whole ticks anyway, so usage over a period of a few ticks is coarse already); a client polling once a
 * second or slower, such as {@code spdk_top}, always finds the last reading over 500 ms old and gets a fresh read.
 */
final class ProcStatCache {

    /** Age under which a reading is served without refreshing it. */
    static final long FRESH_NANOS = 250_000_000L;

    /** Age under which a reading is still served to callers that come while another caller refreshes it. */
    static final long USABLE_NANOS = 500_000_000L;

    /** A reading and the {@link System#nanoTime()} at which its read began. */
    private record Reading(long readNanos, ProcStat stat) {
    }

    private final Supplier<ProcStat> source;
    private final AtomicReference<Reading> last = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /**
     * Creates a cache.
     *
     * @param source reads the counters (tests pass a counting or blocking one)
     */
    ProcStatCache(final Supplier<ProcStat> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Creates a cache over a file.
     *
     * @param file the {@code /proc/stat}-formatted file
     * @return the cache
     */
    static ProcStatCache of(final Path file) {
        return new ProcStatCache(new ProcStatFile(file));
    }

    /**
     * Returns the counters by the rule of the class comment.
     *
     * @param now the current {@link System#nanoTime()}, which stamps a reading read by this call
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
                if (!refreshing.compareAndSet(false, true)) {
                    return reading.stat();
                }
                try {
                    return read(now);
                } finally {
                    refreshing.set(false);
                }
            }
        }
        return read(now);
    }

    private ProcStat read(final long start) {
        final ProcStat fresh = source.get();
        last.accumulateAndGet(new Reading(start, fresh),
                (old, candidate) -> old != null && old.readNanos() - candidate.readNanos() > 0 ? old : candidate);
        return fresh;
    }
}

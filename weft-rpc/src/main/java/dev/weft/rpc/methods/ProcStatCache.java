package dev.weft.rpc.methods;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code /proc/stat} readings for {@code framework_get_reactors}, read a few times a second however many requests
 * come. Served counters are never more than {@link #USABLE_NANOS} (500 ms) old.
 *
 * <p>Thread-safe: any connection thread may ask; at most one reads the file at a time.
 */
final class ProcStatCache {

    /*
     * Implementation overview
     *
     * The kernel generates the whole file on each open, summing every CPU's and every interrupt's counters (0.1 to
     * 1.4 ms on a shared two-core VM), so a read per request would set the control plane's p99 latency.
     *
     * A reading under FRESH_NANOS (250 ms, 25 jiffies at USER_HZ 100) old is served as it is. One under USABLE_NANOS
     * (500 ms) old is replaced by the first caller that finds it so, which reads the file on its own thread, while
     * callers that come during that read are served the old reading rather than reading too; so the file is read at
     * most 4 times a second, one read at a time, and of a stream of requests only one in every 250 ms waits for it.
     * An older reading, or none, is replaced by reading the file on the caller's thread, so an occasional caller such
     * as spdk_top (one request a second) always gets counters at most a read old. A reading is stamped with the time
     * its read began.
     *
     * The refresh runs on the request's own thread and wakes no other thread; a client polling faster than twice a
     * second computes usage from counters up to half a second old. docs/DECISIONS.md has the measurements behind the
     * 250 ms and the choice of thread.
     */

    /** Age under which a reading is served without refreshing it. */
    static final long FRESH_NANOS = 250_000_000L;

    /** Age under which a reading is still served to callers that come while another caller refreshes it. */
    static final long USABLE_NANOS = 500_000_000L;

    /** A reading and the {@link System#nanoTime()} at which its read began. */
    private record Reading(long readNanos, ProcStat stat) {}

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
        last.accumulateAndGet(
                new Reading(start, fresh),
                (old, candidate) -> old != null && old.readNanos() - candidate.readNanos() > 0 ? old : candidate);
        return fresh;
    }
}

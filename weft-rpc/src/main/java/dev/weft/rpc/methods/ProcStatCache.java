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
 * <p><b>Rule.</b> A reading under {@link #FRESH_NANOS} (10 ms, one jiffy at USER_HZ 100, the counters' own
 * resolution) old is served as it is. One under {@link #USABLE_NANOS} (50 ms) old is served too, and a refresh is
 * started on the refresher unless one is already running; so a steady stream of requests never waits for the file.
 * An older reading, or none, is replaced by reading the file on the caller's thread, so an occasional caller such as
 * {@code spdk_top} (one request a second) always gets counters at most a read old. A reading is stamped with the time
 * its read began. Served counters are therefore never more than 50 ms (five ticks) old.
 */
final class ProcStatCache {

    /** Age under which a reading is served without refreshing it. */
    static final long FRESH_NANOS = 10_000_000L;

    /** Age under which a reading is still served while a refresh runs in the background. */
    static final long USABLE_NANOS = 50_000_000L;

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

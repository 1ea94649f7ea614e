package dev.weft.reactor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * Quiescent-state-based reclamation (OpenPerf's {@code recycle::depot}): callbacks that free or close something
 * run only after every reader (every reactor) has passed a quiescent point since the callback was deferred. Any
 * thread may defer; each reader checkpoints and idles its own slot; {@link #process} runs on one thread at a time
 * and returns at once if another is processing.
 */
final class Recycler {

    /*
     * Implementation overview.
     *
     * A writer version starts at 1. defer tags a callback with the current version and increments it. Each reader has a
     * slot on its own cache line: checkpoint stores the current version there (the reader holds nothing it obtained
     * before), idle stores 0 (the reader holds nothing at all, as a reactor does while asleep). process takes the
     * minimum of the writer version and of every non-idle reader's slot, and runs, in tag order, every callback tagged
     * below that minimum; a callback that answers Result.RETRY stays for the next round, in order. A checkpoint writes
     * its slot only when the version has moved, so a reactor that checkpoints every pass dirties no shared cache line
     * while nothing is deferred. Deferred callbacks arrive through a JCTools MPSC queue; only one thread processes at a
     * time (a try-lock flag), so the held list needs no further locking. Reactors call process at the end of a pass
     * when callbacks are pending, so nothing needs OpenPerf's 5 s timer.
     */

    /** What a deferred callback asks for. */
    public enum Result {
        /** The callback is finished; drop it. */
        DONE,
        /** Run the callback again in a later round. */
        RETRY
    }

    /** A deferred reclamation step. */
    @FunctionalInterface
    public interface Callback {

        /**
         * Frees, closes or deletes what no reader can reach any more.
         *
         * @return {@link Result#DONE}, or {@link Result#RETRY} to be called again later
         */
        Result run();
    }

    private static final int SLOT_STRIDE = 8;
    private static final long IDLE = 0;
    private static final System.Logger LOG = System.getLogger(Recycler.class.getName());

    private final int readers;
    private final AtomicLongArray slots;
    private final AtomicLong version = new AtomicLong(1);
    private final MessagePassingQueue<Entry> incoming = new MpscUnboundedVarHandleArrayQueue<>(64);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean processing = new AtomicBoolean();
    private final List<Entry> held = new ArrayList<>();

    /**
     * Creates a recycler for a fixed number of readers, all idle.
     *
     * @param readers how many readers, at least 0
     * @throws IllegalArgumentException if negative
     */
    public Recycler(final int readers) {
        if (readers < 0) {
            throw new IllegalArgumentException("reader count " + readers + " is negative");
        }
        this.readers = readers;
        this.slots = new AtomicLongArray(Math.max(1, readers) * SLOT_STRIDE);
    }

    /**
     * Defers a callback until every active reader has checkpointed; any thread may call this.
     *
     * @param callback the callback
     */
    public void defer(final Callback callback) {
        Objects.requireNonNull(callback, "callback");
        pending.incrementAndGet();
        incoming.offer(new Entry(version.getAndIncrement(), callback));
    }

    /**
     * Marks a reader as having passed a quiescent point.
     *
     * @param reader the reader index
     */
    public void checkpoint(final int reader) {
        final int slot = checkReader(reader) * SLOT_STRIDE;
        final long now = version.get();
        if (slots.getPlain(slot) != now) {
            slots.setRelease(slot, now);
        }
    }

    /**
     * Marks a reader as holding no references at all until its next checkpoint.
     *
     * @param reader the reader index
     */
    public void idle(final int reader) {
        slots.setRelease(checkReader(reader) * SLOT_STRIDE, IDLE);
    }

    /**
     * Returns how many callbacks wait.
     *
     * @return deferred callbacks not yet finished
     */
    public int pending() {
        return pending.get();
    }

    /**
     * Runs every callback that no active reader can block any more; returns at once if another thread is
     * processing.
     *
     * @return how many callbacks finished in this call
     */
    public int process() {
        if (!processing.compareAndSet(false, true)) {
            return 0;
        }
        try {
            incoming.drain(held::add);
            if (held.isEmpty()) {
                return 0;
            }
            held.sort(Comparator.comparingLong(Entry::version));
            long min = version.get();
            for (int r = 0; r < readers; r++) {
                final long seen = slots.getAcquire(r * SLOT_STRIDE);
                if (seen != IDLE) {
                    min = Math.min(min, seen);
                }
            }
            int finished = 0;
            final List<Entry> kept = new ArrayList<>();
            for (final Entry entry : held) {
                if (entry.version() < min && runOnce(entry)) {
                    finished++;
                } else {
                    kept.add(entry);
                }
            }
            held.clear();
            held.addAll(kept);
            pending.addAndGet(-finished);
            return finished;
        } finally {
            processing.set(false);
        }
    }

    private static boolean runOnce(final Entry entry) {
        try {
            return entry.callback().run() == Result.DONE;
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a deferred reclamation callback failed and is dropped", e);
            return true;
        }
    }

    private int checkReader(final int reader) {
        if (reader < 0 || reader >= readers) {
            throw new IllegalArgumentException("reader " + reader + " is outside [0, " + readers + ")");
        }
        return reader;
    }

    private record Entry(long version, Callback callback) {}
}

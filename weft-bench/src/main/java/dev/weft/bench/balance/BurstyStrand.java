package dev.weft.bench.balance;

import dev.weft.reactor.Tasklet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of one strand: a demand that runs only in its busy phase and a polled tasklet that serves it.
 *
 * <p>Time is cut into cycles; the strand is busy for a fixed window of each cycle, shifted by its own phase, so
 * that at any moment only some of the strands are busy. While busy, work units fall due in batches, one per
 * millisecond of busy time, at a fixed average rate (a share of one core, given the measured cost of a unit), the
 * way I/O completions reach a poller: between batches the strand's polls find nothing. The tasklet does up to
 * {@link #MAX_PER_POLL} due units per poll and returns how many, so a strand whose reactor is too loaded builds a
 * backlog that it works off later, and work still owed at the end of a run is work not done. Demand depends on
 * wall-clock time only, so two runs of the same
 * length ask for the same work whatever the balancer does.
 */
final class BurstyStrand {

    /** Units done in one poll at most, so that one strand cannot hold its reactor for long. */
    static final int MAX_PER_POLL = 16;

    /** Work arrives in batches, one per this much busy time, as completions reach an SPDK poller. */
    static final long BATCH_NANOS = 1_000_000;

    private final long start;
    private final long cycleNanos;
    private final long busyNanos;
    private final long phaseNanos;
    private final double unitsPerBusyNano;
    private final AtomicLong done = new AtomicLong();
    /** The units' results, kept in a field so that the work cannot be optimised away. */
    private long sink;

    BurstyStrand(
            final long start,
            final long cycleNanos,
            final long busyNanos,
            final long phaseNanos,
            final double unitsPerBusyNano) {
        this.start = start;
        this.cycleNanos = cycleNanos;
        this.busyNanos = busyNanos;
        this.phaseNanos = phaseNanos;
        this.unitsPerBusyNano = unitsPerBusyNano;
    }

    /** The work unit: a fixed number of rounds of a xorshift generator. */
    static long unit(final long seed) {
        long x = seed | 1;
        for (int i = 0; i < 64; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** Busy time of the schedule from 0 to {@code x}: whole cycles, plus the busy part of the last one. */
    private long busyUpTo(final long x) {
        return x / cycleNanos * busyNanos + Math.min(x % cycleNanos, busyNanos);
    }

    /** Units due from the start up to a moment: whole batches of busy time only. */
    long dueAt(final long now) {
        final long elapsed = Math.max(0, now - start);
        final long busy = busyUpTo(elapsed + phaseNanos) - busyUpTo(phaseNanos);
        return (long) (busy / BATCH_NANOS * BATCH_NANOS * unitsPerBusyNano);
    }

    /** Units done so far; any thread may read. */
    long done() {
        return done.get();
    }

    Tasklet tasklet(final String name) {
        return Tasklet.of(name, () -> {
            final long owed = dueAt(System.nanoTime()) - done.get();
            final int todo = (int) Math.min(owed, MAX_PER_POLL);
            if (todo <= 0) {
                return 0;
            }
            for (int i = 0; i < todo; i++) {
                sink += unit(sink + i);
            }
            done.setRelease(done.get() + todo);
            return todo;
        });
    }
}

package dev.weft.reactor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The part of a {@link Strand} that only the reactor running it writes: its tasklets, timers, registrations, a move
 * under way, and its busy and idle time. {@link #tasklets()}, {@link #busyNanos()} and {@link #idleNanos()} may be
 * read from any thread; every other method belongs to the strand's reactor thread and asserts it (the last reactor
 * that ran a closed strand may still read whether it is leaving and charge its last pass).
 */
final class StrandLoopState {

    /*
     * Implementation overview.
     *
     * Single writer. The tasklet array is copy-on-write, published through a volatile field, so readers of statistics
     * and the watchdog see a whole array. Busy and idle time are plain fields written with opaque stores and read
     * with opaque loads. The registrations and the move are plain fields: only the owning reactor touches them, and
     * a strand changes owner only through a reactor message, which orders the old owner's writes before the new one's
     * reads. A move is begun in a pass (beginLeaving) and ended at its end (endLeaving); while it is under way the
     * strand runs no more work on its old reactor.
     */

    private static final Tasklet[] NO_TASKLETS = new Tasklet[0];
    private static final VarHandle BUSY_NANOS;
    private static final VarHandle IDLE_NANOS;

    private static final VarHandle PASSES;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            PASSES = lookup.findVarHandle(StrandLoopState.class, "passes", long.class);
            BUSY_NANOS = lookup.findVarHandle(StrandLoopState.class, "busyNanos", long.class);
            IDLE_NANOS = lookup.findVarHandle(StrandLoopState.class, "idleNanos", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Strand strand;
    private final List<Registration> registrations = new ArrayList<>();
    private final StrandTimers timers;
    private volatile Tasklet[] tasklets = NO_TASKLETS;
    private long busyNanos;
    private long idleNanos;
    private long passes;
    private Reactor leavingTo;
    private CompletableFuture<Void> leavingDone;

    StrandLoopState(final Strand strand) {
        this.strand = strand;
        this.timers = new StrandTimers(strand);
    }

    /** The strand's timers; their methods say which thread may call them. */
    StrandTimers timers() {
        return timers;
    }

    /** The tasklets now; any thread. */
    Tasklet[] tasklets() {
        return tasklets;
    }

    /** How many times the strand's tasklets were polled as a whole; any thread. */
    long passes() {
        return (long) PASSES.getOpaque(this);
    }

    /** Counts a pass over the strand's tasklets, before its polls, and returns the new count. */
    long countPass() {
        final long now = passes + 1;
        PASSES.setOpaque(this, now);
        return now;
    }

    long busyNanos() {
        return (long) BUSY_NANOS.getOpaque(this);
    }

    long idleNanos() {
        return (long) IDLE_NANOS.getOpaque(this);
    }

    void addTasklet(final Tasklet tasklet) {
        assert strand.onOwnerThread() : "addTasklet of " + strand + " off its reactor's thread";
        final Tasklet[] now = tasklets;
        final Tasklet[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = tasklet;
        tasklet.joined(this);
        tasklets = next;
    }

    /** Takes a tasklet out of the array; false if it is not there. */
    boolean removeTasklet(final Tasklet tasklet) {
        assert strand.onOwnerThread() : "removeTasklet of " + strand + " off its reactor's thread";
        final Tasklet[] now = tasklets;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == tasklet) {
                final Tasklet[] next = new Tasklet[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                tasklets = next;
                tasklet.left(this);
                return true;
            }
        }
        return false;
    }

    /** Charges time to the strand as busy or idle. */
    void charge(final boolean busy, final long nanos) {
        assert strand.onOwnerThreadOrUnplaced() : "charge of " + strand + " off its reactor's thread";
        if (busy) {
            BUSY_NANOS.setOpaque(this, busyNanos + nanos);
        } else {
            IDLE_NANOS.setOpaque(this, idleNanos + nanos);
        }
    }

    /** The active registrations, a read-only view. */
    List<Registration> registrations() {
        assert strand.onOwnerThread() : "registrations of " + strand + " off its reactor's thread";
        return Collections.unmodifiableList(registrations);
    }

    void addRegistration(final Registration registration) {
        assert strand.onOwnerThread() : "addRegistration of " + strand + " off its reactor's thread";
        registrations.add(registration);
    }

    boolean removeRegistration(final Registration registration) {
        assert strand.onOwnerThread() : "removeRegistration of " + strand + " off its reactor's thread";
        return registrations.remove(registration);
    }

    /** Marks the strand as leaving for a target at the end of the pass; it runs no more work here. */
    void beginLeaving(final Reactor target, final CompletableFuture<Void> moved) {
        assert strand.onOwnerThread() : "beginLeaving of " + strand + " off its reactor's thread";
        leavingTo = target;
        leavingDone = moved;
    }

    boolean leaving() {
        assert strand.onOwnerThreadOrUnplaced() : "leaving of " + strand + " off its reactor's thread";
        return leavingTo != null;
    }

    Reactor leavingTo() {
        assert strand.onOwnerThread() : "leavingTo of " + strand + " off its reactor's thread";
        return leavingTo;
    }

    /** Ends the move begun, returning its future (null if none was begun) for the caller to complete. */
    CompletableFuture<Void> endLeaving() {
        assert strand.onOwnerThread() : "endLeaving of " + strand + " off its reactor's thread";
        final CompletableFuture<Void> moved = leavingDone;
        leavingTo = null;
        leavingDone = null;
        return moved;
    }
}

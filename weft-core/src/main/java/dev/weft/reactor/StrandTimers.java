package dev.weft.reactor;

import dev.weft.concurrent.ScheduledTask;
import java.time.Duration;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one-shot and periodic timers of one {@link Strand}: scheduled tasks that its reactor runs when due, between
 * the strand's mailbox and its tasklets, as Netty's event loop runs its scheduled tasks. Part of the strand's
 * loop state, so the timers move with the strand. Each method says which thread may call it.
 */
final class StrandTimers implements ScheduledTask.Host {

    /*
     * Implementation overview.
     *
     * A heap ordered by due time, then creation (ScheduledTask's order), on System.nanoTime(). Each pass takes the
     * tasks due at its start off the heap (at most BATCH) and then runs them, so a periodic task that reschedules
     * itself during its run (already late at a fixed rate) runs again in the next pass, never twice in one, and a
     * task that cancels another mid-run changes a heap nobody iterates. The head's due time joins the timed
     * tasklets' deadlines, so a reactor in interrupt or sleep mode wakes for it. A run leaves no interrupt behind
     * on the reactor thread (a cancel(true) of a running task interrupts it). Cancelled tasks are taken out by a
     * message (Netty's way), so a heap of long timeouts that are cancelled early does not grow.
     */

    private final Strand strand;
    private final PriorityQueue<ScheduledTask<?>> heap = new PriorityQueue<>();
    private ScheduledTask<?>[] due = new ScheduledTask<?>[8];

    StrandTimers(final Strand strand) {
        this.strand = strand;
    }

    /**
     * Schedules a one-shot task of the strand's own ({@link Strand#schedule}); any thread.
     *
     * @param command the task
     * @param delay the delay
     * @return its future
     * @throws RejectedExecutionException if the strand is closed
     */
    ScheduledFuture<?> schedule(final Runnable command, final Duration delay) {
        final ScheduledTask<Void> task =
                ScheduledTask.of(command, TimeUnit.NANOSECONDS.convert(delay), 0, TimeUnit.NANOSECONDS, this);
        post(task);
        return task;
    }

    /**
     * Hands a task to the strand's reactor, which queues it; any thread.
     *
     * @param task the task, whose host puts it back here after each periodic run
     * @throws RejectedExecutionException if the strand is closed
     */
    void post(final ScheduledTask<?> task) {
        strand.post((Runnable) () -> add(task));
    }

    /** Takes a task that ended off the heap, if it may be there (cancelled or withdrawn); any thread. */
    void forget(final ScheduledTask<?> task) {
        if (strand.onOwnerThread()) {
            if (task.isCancelled() || !task.isDone()) {
                heap.remove(task);
            }
            return;
        }
        try {
            strand.post((Runnable) () -> heap.remove(task));
        } catch (final RejectedExecutionException e) {
            // a closed strand has cancelled its timers already
        }
    }

    @Override
    public boolean mayRun(final ScheduledTask<?> task) {
        return !strand.isClosed();
    }

    @Override
    public void reschedule(final ScheduledTask<?> task) {
        add(task);
    }

    @Override
    public void ended(final ScheduledTask<?> task) {
        forget(task);
    }

    /** Queues a task, or cancels it if the strand has closed meanwhile. */
    void add(final ScheduledTask<?> task) {
        assert strand.onOwnerThreadOrUnplaced() : "timer add of " + strand + " off its reactor's thread";
        if (strand.isClosed()) {
            task.cancel(false);
        } else if (!task.isDone()) {
            heap.add(task);
        }
    }

    /** Whether any timer waits. */
    boolean any() {
        assert strand.onOwnerThread() : "timers of " + strand + " off its reactor's thread";
        return !heap.isEmpty();
    }

    /** When the next timer is due, or {@link Long#MAX_VALUE} if none waits. */
    long nextDue() {
        assert strand.onOwnerThread() : "timers of " + strand + " off its reactor's thread";
        final ScheduledTask<?> head = heap.peek();
        return head == null ? Long.MAX_VALUE : head.dueNanos();
    }

    /**
     * Runs the timers due at {@code now}.
     *
     * @param now the clock reading of the strand's turn
     * @param probe where the reactor publishes what it runs
     * @return how many ran
     */
    int runDue(final long now, final ActivityProbe probe) {
        assert strand.onOwnerThread() : "runDue of " + strand + " off its reactor's thread";
        int count = 0;
        ScheduledTask<?> head;
        while (count < Reactor.BATCH && (head = heap.peek()) != null && head.dueNanos() - now <= 0) {
            if (count == due.length) {
                due = Arrays.copyOf(due, count * 2);
            }
            due[count++] = heap.poll();
        }
        for (int i = 0; i < count; i++) {
            final ScheduledTask<?> task = due[i];
            due[i] = null;
            probe.enter(task);
            try {
                task.run();
            } finally {
                Thread.interrupted();
            }
        }
        return count;
    }

    /** Cancels every waiting timer; the strand is closing. */
    void cancelAll() {
        assert strand.onOwnerThreadOrUnplaced() : "cancelAll of " + strand + " off its reactor's thread";
        final ScheduledTask<?>[] waiting = heap.toArray(new ScheduledTask<?>[0]);
        heap.clear();
        for (final ScheduledTask<?> task : waiting) {
            task.cancel(false);
        }
    }
}

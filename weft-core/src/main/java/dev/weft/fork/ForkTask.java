package dev.weft.fork;

import java.util.concurrent.CancellationException;

/**
 * The task behind a computation forked through the ergonomic layer ({@link TaskContext#fork},
 * {@link TaskContext#forkOnDemand}, {@link MicroScheduler#invoke}): it runs its computation, keeps the outcome, and
 * serves the join, in the manner of {@code ForkJoinTask}. Subclasses say what the computation is and where its value
 * goes ({@link ObjectForkTask} for an object, {@link LongForkTask} for a {@code long}).
 *
 * <p><b>Implementation overview.</b> A fork pushes the task onto the worker's own deque like any spawned task, and
 * returns the task itself as the handle ({@link Forked} or {@link ForkedLong}), as {@code ForkJoinTask.fork()} does:
 * a fork allocates nothing beside the task, whether or not the JIT compiles the join into the forking method.
 * {@link #awaitOutcome} first tries to take it back from the bottom of that deque, which succeeds whenever no thief
 * took it (the common case in a recursive computation), and then runs the computation right there
 * ({@link LocalScheduler#runIfUnstolen}), without the scheduler's execute loop: no parent, no reference count, no
 * wake-up, no virtual call to {@link #execute}. If a thief has it, the joiner helps, running other tasks of the same
 * scheduler until the thief publishes the outcome.
 *
 * <p>The task adds no field to {@link Task} for its outcome. Its status lives in the task's count word
 * ({@link Task#status}), which a forked task never uses to count children: {@code PENDING} is the count's initial
 * 1, and the ended states are negative, so no count can be mistaken for one. A failure or a cancellation is the
 * task's recorded failure ({@link Task#failure}); whether {@link TaskContext#forkOnDemand} made it is a bit of the
 * flags. That keeps an {@link ObjectForkTask} at 32 bytes, the task's 28 and one field for its function, then its
 * value. The status is written with release order after the value or the failure, so the joiner that reads it (a
 * volatile read) sees them. A failure is kept here and thrown by the join, never passed to a parent or to the pool's
 * handler.
 *
 * <p>A join that takes back unstolen a task that {@link TaskContext#forkOnDemand} queued clears the worker's demand
 * flag (see {@link ThiefMarks}): whatever demand there was did not take the task, and a thief that is still hungry
 * raises the flag again at its next miss. A join of a plain {@link TaskContext#fork} leaves the flag alone, so the
 * always-spawn path pays one test of the task's flags for it.
 */
abstract class ForkTask extends Task {

    private static final int PENDING = 1;
    private static final int DONE = -1;
    private static final int FAILED = -2;
    private static final int CANCELLED = -3;

    /**
     * Runs the computation and keeps its value in the subclass's field.
     *
     * @param context the running worker
     * @throws Exception whatever the computation threw
     */
    abstract void compute(TaskContext context) throws Exception;

    /**
     * Runs the computation and records its outcome.
     *
     * @param context the running worker
     * @return null: no bypass task
     */
    @Override
    protected final Task execute(final TaskContext context) {
        run(context);
        unparkWaitingThread();
        return null;
    }

    /**
     * Runs the computation and publishes its outcome: the whole execution of a task that no one else can see, and
     * the part of {@link #execute} that does not wake a waiter.
     *
     * @param context the running worker
     */
    final void run(final TaskContext context) {
        try {
            compute(context);
            setStatus(DONE);
        } catch (final Throwable e) {
            recordFailure(e);
            setStatus(FAILED);
        }
    }

    /**
     * Waits for the outcome: runs the task here and now if it is still at the bottom of the caller's deque, and
     * otherwise helps with other tasks of the scheduler until the thief is done.
     *
     * @param context the joining worker's context (the one that forked, or any worker of the same scheduler)
     * @throws TaskFailedException if the computation threw or the task was cancelled by a shutdown
     */
    final void awaitOutcome(final TaskContext context) {
        if (status() != PENDING || !context.local().runIfUnstolen(this)) {
            awaitElsewhere(context);
        }
        throwIfFailed();
    }

    /** Helps until a task that a thief took has ended; returns at once if it has. */
    private void awaitElsewhere(final TaskContext context) {
        if (status() == PENDING) {
            context.local().helpUntilDone(this);
        }
    }

    /**
     * Throws the failure of a task that has ended, if it did not end with a value.
     *
     * @throws TaskFailedException if the computation threw or the task was cancelled by a shutdown
     */
    final void throwIfFailed() {
        if (status() != DONE) {
            throw new TaskFailedException(this, failure());
        }
    }

    /**
     * Whether the computation has ended, with a value, a failure or a cancellation.
     *
     * @return true once ended
     */
    public final boolean isDone() {
        return status() != PENDING;
    }

    @Override
    final boolean waitSatisfied() {
        return status() != PENDING;
    }

    /** Ends the task cancelled, as a scheduler's shutdown does to the tasks it drains. */
    final void cancel() {
        recordFailure(new CancellationException("task '" + name() + "' was cancelled by a shutdown"));
        setStatus(CANCELLED);
        unparkWaitingThread();
    }
}

package dev.weft.fork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * The task behind a computation forked through the ergonomic layer ({@link TaskContext#fork},
 * {@link TaskContext#forkOnDemand}, {@link MicroScheduler#invoke}): it runs its computation, keeps the outcome, and
 * serves the join, in the manner of {@code ForkJoinTask}. Subclasses say what the computation is and where its value
 * goes ({@link ObjectForkTask} for an object, {@link LongForkTask} for a {@code long}).
 *
 * <p><b>Implementation overview.</b> A fork pushes the task onto the worker's own deque like any spawned task.
 * {@link #awaitOutcome} first tries to take it back from the bottom of that deque, which succeeds whenever no thief
 * took it (the common case in a recursive computation), and then runs it inline: a push and a pop, no parent, no
 * reference count, no wake-up. Whether {@link TaskContext#forkOnDemand} made the task is a bit of the task's flags,
 * not a field of its own: with the status and the failure, that keeps a forked task within one more 8-byte word
 * than a plain {@link Task}. If a thief has it, the joiner helps, running other tasks of the same scheduler until
 * the thief publishes the outcome. The outcome is one status written with release order after the value, so the
 * joiner that reads it (a volatile read) sees the value. A failure is kept here and thrown by the join, never passed
 * to a parent or to the pool's handler.
 *
 * <p>A join that takes back unstolen a task that {@link TaskContext#forkOnDemand} queued clears the worker's demand
 * flag (see {@link ThiefMarks}): whatever demand there was did not take the task, and a thief that is still hungry
 * raises the flag again at its next miss. A join of a plain {@link TaskContext#fork} leaves the flag alone, so the
 * always-spawn path pays nothing for it.
 */
abstract class ForkTask extends Task {

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;
    private static final VarHandle STATUS;

    static {
        try {
            STATUS = MethodHandles.lookup().findVarHandle(ForkTask.class, "status", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Throwable thrown;
    private volatile int status;

    /**
     * Creates the task.
     *
     * @param onDemand whether {@link TaskContext#forkOnDemand} made it, so that an unstolen join answers the demand
     */
    ForkTask(final boolean onDemand) {
        if (onDemand) {
            markOnDemand();
        }
    }

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
        try {
            compute(context);
            STATUS.setRelease(this, DONE);
        } catch (final Throwable e) {
            thrown = e;
            STATUS.setRelease(this, FAILED);
        }
        unparkWaitingThread();
        return null;
    }

    /**
     * Waits for the outcome: runs the task here and now if it is still at the bottom of the caller's deque, and
     * otherwise helps with other tasks of the scheduler until the thief is done.
     *
     * @param context the joining worker's context (the one that forked, or any worker of the same scheduler)
     * @throws TaskFailedException if the computation threw or the task was cancelled by a shutdown
     */
    final void awaitOutcome(final TaskContext context) {
        if (status == PENDING) {
            final LocalScheduler local = context.local();
            if (local.popIfBottom(this)) {
                if (isOnDemand()) {
                    local.demandAnswered();
                }
                local.runChain(this);
            } else {
                local.helpUntilDone(this);
            }
        }
        throwIfFailed();
    }

    /**
     * Throws the failure of a task that has ended, if it did not end with a value.
     *
     * @throws TaskFailedException if the computation threw or the task was cancelled by a shutdown
     */
    final void throwIfFailed() {
        if (status != DONE) {
            throw new TaskFailedException(this, thrown);
        }
    }

    /**
     * Whether the computation has ended, with a value, a failure or a cancellation.
     *
     * @return true once ended
     */
    final boolean isDone() {
        return status != PENDING;
    }

    @Override
    final boolean waitSatisfied() {
        return status != PENDING;
    }

    /** Ends the task cancelled, as a scheduler's shutdown does to the tasks it drains. */
    final void cancel() {
        thrown = new CancellationException("task '" + name() + "' was cancelled by a shutdown");
        STATUS.setRelease(this, CANCELLED);
        unparkWaitingThread();
    }
}

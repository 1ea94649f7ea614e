package dev.weft.fork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A forked computation and, once joined, its result: the ergonomic fork/join layer over {@link Task}, in the manner
 * of {@code ForkJoinTask.fork()} and {@code join()}.
 *
 * <p><b>Implementation overview.</b> {@link TaskContext#fork} pushes a {@code Forked} onto the worker's own deque
 * like any spawned task. {@link #join} first tries to take it back from the bottom of that deque, which succeeds
 * whenever no thief took it (the common case in a recursive computation), and then runs it inline: a push and a pop,
 * no parent, no reference count, no wake-up. If a thief has it, the joiner helps, running other tasks of the same
 * scheduler until the thief publishes the outcome. The outcome is one status written with release order after the
 * result, so the joiner that reads it (a volatile read) sees the result. A failure is kept here and thrown by
 * {@code join}, never passed to a parent or to the pool's handler.
 *
 * <p>A {@code Forked} made by {@link TaskContext#forkOnDemand} when no worker was hungry is never queued: it runs at
 * once on the forking thread and its {@code join} only reads the outcome. A join that takes back unstolen a task
 * that {@code forkOnDemand} did queue clears the worker's demand flag (see {@link ThiefMarks}): whatever demand
 * there was did not take the task, and a thief that is still hungry raises the flag again at its next miss. A join
 * of a plain {@link TaskContext#fork} leaves the flag alone, so the always-spawn path pays nothing for it.
 *
 * @param <T> the result type
 */
public final class Forked<T> extends Task {

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;
    private static final VarHandle STATUS;

    static {
        try {
            STATUS = MethodHandles.lookup().findVarHandle(Forked.class, "status", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ForkFunction<T> function;
    private final boolean onDemand;
    private T result;
    private Throwable thrown;
    private volatile int status;

    /**
     * Creates a forked computation.
     *
     * @param function the computation
     * @param onDemand whether {@link TaskContext#forkOnDemand} made it, so that an unstolen join answers the demand
     */
    Forked(final ForkFunction<T> function, final boolean onDemand) {
        this.function = function;
        this.onDemand = onDemand;
    }

    private void publish(final int outcome) {
        STATUS.setRelease(this, outcome);
    }

    /**
     * Runs the function and records its outcome.
     *
     * @param context the running worker
     * @return null: no bypass task
     */
    @Override
    protected Task execute(final TaskContext context) {
        runInline(context);
        unparkWaitingThread();
        return null;
    }

    /**
     * Runs the function on the calling worker and records its outcome, without any queue: the body of
     * {@link #execute}, and the whole life of a computation forked on demand when no worker was hungry.
     *
     * @param context the running worker
     */
    void runInline(final TaskContext context) {
        try {
            result = function.apply(context);
            publish(DONE);
        } catch (final Throwable e) {
            thrown = e;
            publish(FAILED);
        }
    }

    /**
     * Waits for the computation and returns its value. If the task is still at the bottom of the caller's deque it
     * runs here and now; otherwise the caller helps with other tasks of its scheduler until the thief is done.
     *
     * @param context the joining worker's context (the one that forked, or any worker of the same scheduler)
     * @return the value
     * @throws TaskFailedException if the function threw or the task was cancelled by a shutdown
     */
    public T join(final TaskContext context) {
        if (status == PENDING) {
            final LocalScheduler local = context.local();
            if (local.popIfBottom(this)) {
                if (onDemand) {
                    local.demandAnswered();
                }
                local.runChain(this);
            } else {
                local.helpUntilDone(this);
            }
        }
        return resultOrThrow();
    }

    /**
     * Whether the computation has ended, with a value, a failure or a cancellation.
     *
     * @return true once ended
     */
    public boolean isDone() {
        return status != PENDING;
    }

    @Override
    boolean waitSatisfied() {
        return status != PENDING;
    }

    void cancel() {
        thrown = new java.util.concurrent.CancellationException("task '" + name() + "' was cancelled by a shutdown");
        publish(CANCELLED);
        unparkWaitingThread();
    }

    T resultOrThrow() {
        if (status == DONE) {
            return result;
        }
        throw new TaskFailedException(this, thrown);
    }
}

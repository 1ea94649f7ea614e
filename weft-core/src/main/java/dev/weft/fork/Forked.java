package dev.weft.fork;

/**
 * A forked computation and, once joined, its value: the handle that {@link TaskContext#fork} and
 * {@link TaskContext#forkOnDemand(ForkFunction)} return, in the manner of {@code ForkJoinTask.fork()} and
 * {@code join()}.
 *
 * <p><b>Implementation overview.</b> The handle is separate from the task, and immutable. A computation that was
 * queued is a package-private task ({@link ObjectForkTask}) that the handle points to, and {@link #join} is that
 * task's join (see {@link ForkTask}): take it back from the bottom of the deque and run it if no thief took it,
 * help otherwise. A computation that {@code forkOnDemand} ran inline, because no worker was hungry, has no task at
 * all: the handle holds its value or its failure. The handle never reaches another thread or the scheduler, so when
 * the fork and the join are compiled into one method (the usual recursive case) HotSpot's escape analysis keeps its
 * fields in registers and allocates no handle; the inline path of {@code forkOnDemand} then allocates nothing of its
 * own (a capturing lambda, and a boxed value outside the {@code Long} cache, are the caller's; see
 * {@link TaskContext#forkOnDemand(LongForkFunction, long)} for a form without them). A handle that is kept, for
 * example in a list of forks, costs one small object beside the task.
 *
 * @param <T> the result type
 */
public final class Forked<T> {

    private final ObjectForkTask<T> task;
    private final T value;
    private final Throwable thrown;

    /**
     * Creates a handle: either on a queued task, or on the outcome of a computation that ran inline.
     *
     * @param task the queued task, or null if the computation ran inline
     * @param value the value of a computation that ran inline
     * @param thrown what a computation that ran inline threw, or null
     */
    Forked(final ObjectForkTask<T> task, final T value, final Throwable thrown) {
        this.task = task;
        this.value = value;
        this.thrown = thrown;
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
        if (task != null) {
            return task.join(context);
        }
        if (thrown != null) {
            throw new TaskFailedException(TaskContext.INLINE_TASK_NAME, thrown);
        }
        return value;
    }

    /**
     * Whether the computation has ended, with a value, a failure or a cancellation.
     *
     * @return true once ended
     */
    public boolean isDone() {
        return task == null || task.isDone();
    }
}

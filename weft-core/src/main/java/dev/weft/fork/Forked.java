package dev.weft.fork;

/**
 * A forked computation and, once joined, its value: what {@link TaskContext#fork} and
 * {@link TaskContext#forkOnDemand(ForkFunction)} return, in the manner of {@code ForkJoinTask.fork()} and
 * {@code join()}. Join a handle from a worker of the scheduler that forked it; any thread may ask {@link #isDone}.
 *
 * <p><b>Implementation overview.</b> A computation that was queued is its own handle, as a {@code ForkJoinTask} is:
 * the package-private task ({@link ObjectForkTask}) implements this interface, and {@link #join} is that task's join
 * (see {@link ForkTask}): take it back from the bottom of the deque and run it if no thief took it, help otherwise.
 * So a fork allocates the task and nothing else, whether or not the JIT compiles the join into the forking method.
 * {@code forkOnDemand} returns a {@link DemandForked}, on its task when it queued one and otherwise on the value or
 * failure of the computation it ran inline; when the fork and the join are compiled into one method (the usual
 * recursive case) HotSpot's escape analysis keeps that handle's fields in registers and allocates no handle. A
 * capturing lambda, and a boxed value outside the {@code Long} cache, are the caller's; see
 * {@link TaskContext#forkOnDemand(LongForkFunction, long)} for a form without them.
 *
 * @param <T> the result type
 */
public sealed interface Forked<T> permits ObjectForkTask, DemandForked {

    /**
     * Waits for the computation and returns its value. If the task is still at the bottom of the caller's deque it
     * runs here and now; otherwise the caller helps with other tasks of its scheduler until the thief is done.
     *
     * @param context the joining worker's context (the one that forked, or any worker of the same scheduler)
     * @return the value
     * @throws TaskFailedException if the function threw or the task was cancelled by a shutdown
     */
    T join(TaskContext context);

    /**
     * Whether the computation has ended, with a value, a failure or a cancellation.
     *
     * @return true once ended
     */
    boolean isDone();
}

package dev.weft.fork;

/**
 * A computation forked with {@link TaskContext#fork(LongForkFunction, long)} or
 * {@link TaskContext#forkOnDemand(LongForkFunction, long)} and, once joined, its {@code long} value: the primitive
 * form of {@link Forked}.
 *
 * <p><b>Implementation overview.</b> As for {@link Forked}: an immutable handle either on a queued task
 * ({@link LongForkTask}, whose join takes it back unstolen or helps until the thief is done) or on the outcome of a
 * computation that ran inline because no worker was hungry. The handle never leaves the forking code, so HotSpot's
 * escape analysis removes it when the fork and the join are compiled together, and the value is never boxed: with a
 * non-capturing function the inline path allocates nothing at all.
 */
public final class ForkedLong {

    private final LongForkTask task;
    private final long value;
    private final Throwable thrown;

    /**
     * Creates a handle: either on a queued task, or on the outcome of a computation that ran inline.
     *
     * @param task the queued task, or null if the computation ran inline
     * @param value the value of a computation that ran inline
     * @param thrown what a computation that ran inline threw, or null
     */
    ForkedLong(final LongForkTask task, final long value, final Throwable thrown) {
        this.task = task;
        this.value = value;
        this.thrown = thrown;
    }

    /**
     * Waits for the computation and returns its value, as {@link Forked#join} does.
     *
     * @param context the joining worker's context (the one that forked, or any worker of the same scheduler)
     * @return the value
     * @throws TaskFailedException if the function threw or the task was cancelled by a shutdown
     */
    public long join(final TaskContext context) {
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

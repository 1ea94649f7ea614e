package dev.weft.fork;

/**
 * The handle that {@link TaskContext#forkOnDemand(ForkFunction)} returns: either on the task it queued for a hungry
 * worker, or on the outcome of the computation it ran inline. Immutable.
 *
 * <p>Both outcomes share this one class, made at one place, so that when the fork and its join are compiled together
 * HotSpot's escape analysis keeps the handle's fields in registers and allocates no handle on the inline path; two
 * classes returned from two places would meet in a merge that escape analysis does not take apart.
 *
 * @param <T> the result type
 */
final class DemandForked<T> implements Forked<T> {

    private final ObjectForkTask<T> task;
    private final T value;
    private final Throwable thrown;

    /**
     * Creates the handle.
     *
     * @param task the queued task, or null if the computation ran inline
     * @param value the value of a computation that ran inline
     * @param thrown what a computation that ran inline threw, or null
     */
    DemandForked(final ObjectForkTask<T> task, final T value, final Throwable thrown) {
        this.task = task;
        this.value = value;
        this.thrown = thrown;
    }

    @Override
    public T join(final TaskContext context) {
        final ObjectForkTask<T> queued = task;
        return queued != null ? queued.join(context) : inlineValue();
    }

    private T inlineValue() {
        if (thrown != null) {
            throw new TaskFailedException(TaskContext.INLINE_TASK_NAME, thrown);
        }
        return value;
    }

    @Override
    public boolean isDone() {
        return task == null || task.isDone();
    }
}

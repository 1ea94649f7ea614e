package dev.weft.fork;

/**
 * The handle that {@link TaskContext#forkOnDemand(LongForkFunction, long)} returns: either on the task it queued for
 * a hungry worker, or on the outcome of the computation it ran inline. Immutable; made at one place for the reason
 * {@link DemandForked} gives, so that the inline path allocates nothing once the fork and the join are compiled
 * together.
 */
final class DemandForkedLong implements ForkedLong {

    private final LongForkTask task;
    private final long value;
    private final Throwable thrown;

    /**
     * Creates the handle.
     *
     * @param task the queued task, or null if the computation ran inline
     * @param value the value of a computation that ran inline
     * @param thrown what a computation that ran inline threw, or null
     */
    DemandForkedLong(final LongForkTask task, final long value, final Throwable thrown) {
        this.task = task;
        this.value = value;
        this.thrown = thrown;
    }

    @Override
    public long join(final TaskContext context) {
        final LongForkTask queued = task;
        return queued != null ? queued.join(context) : inlineValue();
    }

    private long inlineValue() {
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

package dev.weft.fork;

/**
 * The handle of a computation that {@link TaskContext#forkOnDemand(LongForkFunction, long)} ran inline: its value, or
 * what it threw. Immutable.
 */
final class InlineForkedLong implements ForkedLong {

    private final long value;
    private final Throwable thrown;

    /**
     * Creates the handle.
     *
     * @param value the computation's value, or 0 if it threw
     * @param thrown what the computation threw, or null
     */
    InlineForkedLong(final long value, final Throwable thrown) {
        this.value = value;
        this.thrown = thrown;
    }

    @Override
    public long join(final TaskContext context) {
        if (thrown != null) {
            throw new TaskFailedException(TaskContext.INLINE_TASK_NAME, thrown);
        }
        return value;
    }

    @Override
    public boolean isDone() {
        return true;
    }
}

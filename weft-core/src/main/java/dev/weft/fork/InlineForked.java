package dev.weft.fork;

/**
 * The handle of a computation that {@link TaskContext#forkOnDemand(ForkFunction)} ran inline: its value, or what it
 * threw. Immutable.
 *
 * @param <T> the result type
 */
final class InlineForked<T> implements Forked<T> {

    private final T value;
    private final Throwable thrown;

    /**
     * Creates the handle.
     *
     * @param value the computation's value, or null if it threw
     * @param thrown what the computation threw, or null
     */
    InlineForked(final T value, final Throwable thrown) {
        this.value = value;
        this.thrown = thrown;
    }

    @Override
    public T join(final TaskContext context) {
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

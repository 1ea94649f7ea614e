package dev.weft.fork;

/**
 * A {@link ForkTask} whose computation is a {@link ForkFunction}: the task and handle of {@link TaskContext#fork},
 * {@link TaskContext#forkOnDemand(ForkFunction)} when a worker is hungry, and {@link MicroScheduler#invoke}. One
 * field holds the function until the computation has run and its value after, which keeps the task at 32 bytes.
 *
 * @param <T> the result type
 */
final class ObjectForkTask<T> extends ForkTask implements Forked<T> {

    private Object functionThenValue;

    /**
     * Creates the task.
     *
     * @param function the computation
     */
    ObjectForkTask(final ForkFunction<T> function) {
        this.functionThenValue = function;
    }

    @Override
    @SuppressWarnings("unchecked") // the field holds the constructor's function until this replaces it
    void compute(final TaskContext context) throws Exception {
        functionThenValue = ((ForkFunction<T>) functionThenValue).apply(context);
    }

    /**
     * Waits for the computation (see {@link ForkTask#awaitOutcome}) and returns its value.
     *
     * @param context the joining worker's context
     * @return the value
     * @throws TaskFailedException if the computation threw or was cancelled
     */
    @Override
    public T join(final TaskContext context) {
        awaitOutcome(context);
        return value();
    }

    /**
     * Returns the value of a task that has ended.
     *
     * @return the value
     * @throws TaskFailedException if the computation threw or was cancelled
     */
    T resultOrThrow() {
        throwIfFailed();
        return value();
    }

    @SuppressWarnings("unchecked") // read only after the task ended with a value, which replaced the function
    private T value() {
        return (T) functionThenValue;
    }
}

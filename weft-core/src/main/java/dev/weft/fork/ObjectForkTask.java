package dev.weft.fork;

/**
 * A {@link ForkTask} whose computation is a {@link ForkFunction}: the task of {@link TaskContext#fork},
 * {@link TaskContext#forkOnDemand(ForkFunction)} when a worker is hungry, and {@link MicroScheduler#invoke}.
 *
 * @param <T> the result type
 */
final class ObjectForkTask<T> extends ForkTask {

    private final ForkFunction<T> function;
    private T result;

    /**
     * Creates the task.
     *
     * @param function the computation
     * @param onDemand whether {@link TaskContext#forkOnDemand} made it
     */
    ObjectForkTask(final ForkFunction<T> function, final boolean onDemand) {
        super(onDemand);
        this.function = function;
    }

    @Override
    void compute(final TaskContext context) throws Exception {
        result = function.apply(context);
    }

    /**
     * Waits for the computation (see {@link ForkTask#awaitOutcome}) and returns its value.
     *
     * @param context the joining worker's context
     * @return the value
     * @throws TaskFailedException if the computation threw or was cancelled
     */
    T join(final TaskContext context) {
        awaitOutcome(context);
        return result;
    }

    /**
     * Returns the value of a task that has ended.
     *
     * @return the value
     * @throws TaskFailedException if the computation threw or was cancelled
     */
    T resultOrThrow() {
        throwIfFailed();
        return result;
    }
}

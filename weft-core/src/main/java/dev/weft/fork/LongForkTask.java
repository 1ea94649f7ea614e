package dev.weft.fork;

/**
 * A {@link ForkTask} whose computation is a {@link LongForkFunction} and its argument: the task of
 * {@link TaskContext#forkOnDemand(LongForkFunction, long)} when a worker is hungry. The value stays a {@code long}.
 */
final class LongForkTask extends ForkTask {

    private final LongForkFunction function;
    private final long argument;
    private long result;

    /**
     * Creates the task.
     *
     * @param function the computation
     * @param argument its argument
     * @param onDemand whether {@link TaskContext#forkOnDemand} made it
     */
    LongForkTask(final LongForkFunction function, final long argument, final boolean onDemand) {
        super(onDemand);
        this.function = function;
        this.argument = argument;
    }

    @Override
    void compute(final TaskContext context) throws Exception {
        result = function.apply(context, argument);
    }

    /**
     * Waits for the computation (see {@link ForkTask#awaitOutcome}) and returns its value.
     *
     * @param context the joining worker's context
     * @return the value
     * @throws TaskFailedException if the computation threw or was cancelled
     */
    long join(final TaskContext context) {
        awaitOutcome(context);
        return result;
    }
}

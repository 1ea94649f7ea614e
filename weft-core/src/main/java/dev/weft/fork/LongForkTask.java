package dev.weft.fork;

/**
 * A {@link ForkTask} whose computation is a {@link LongForkFunction} and its argument: the task of
 * {@link TaskContext#fork(LongForkFunction, long)} and its handle, and the task of
 * {@link TaskContext#forkOnDemand(LongForkFunction, long)} when a worker is hungry. The value stays a {@code long},
 * in the slot that held the argument until the computation ran, which keeps the task at 40 bytes (the task's 28, the
 * function and one {@code long}).
 */
final class LongForkTask extends ForkTask implements ForkedLong {

    private final LongForkFunction function;
    private long argumentThenValue;

    /**
     * Creates the task.
     *
     * @param function the computation
     * @param argument its argument
     */
    LongForkTask(final LongForkFunction function, final long argument) {
        this.function = function;
        this.argumentThenValue = argument;
    }

    @Override
    void compute(final TaskContext context) throws Exception {
        argumentThenValue = function.apply(context, argumentThenValue);
    }

    /**
     * Waits for the computation (see {@link ForkTask#awaitOutcome}) and returns its value.
     *
     * @param context the joining worker's context
     * @return the value
     * @throws TaskFailedException if the computation threw or was cancelled
     */
    @Override
    public long join(final TaskContext context) {
        awaitOutcome(context);
        return argumentThenValue;
    }
}

package dev.weft.fork;

/**
 * A computation forked with {@link TaskContext#fork(LongForkFunction, long)} or
 * {@link TaskContext#forkOnDemand(LongForkFunction, long)} and, once joined, its {@code long} value: the primitive
 * form of {@link Forked}, with the same threading rules.
 *
 * <p><b>Implementation overview.</b> As for {@link Forked}: a queued computation is its own handle
 * ({@link LongForkTask}), and {@code forkOnDemand} returns a {@link DemandForkedLong}, on its task or on the value or
 * failure of the computation it ran inline, which escape analysis removes when the fork and the join are compiled
 * together. The value is never boxed: with a non-capturing function the inline path allocates nothing at all.
 */
public sealed interface ForkedLong permits LongForkTask, DemandForkedLong {

    /**
     * Waits for the computation and returns its value, as {@link Forked#join} does.
     *
     * @param context the joining worker's context (the one that forked, or any worker of the same scheduler)
     * @return the value
     * @throws TaskFailedException if the function threw or the task was cancelled by a shutdown
     */
    long join(TaskContext context);

    /**
     * Whether the computation has ended, with a value, a failure or a cancellation.
     *
     * @return true once ended
     */
    boolean isDone();
}

package dev.weft.fork;

/**
 * A piece of fork/join work that computes a value: the lambda form of a task for {@link TaskContext#fork} and
 * {@link MicroScheduler#invoke}. It receives the context of the worker running it, through which it forks further.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ForkFunction<T> {

    /**
     * Computes the value.
     *
     * @param context the running worker's context
     * @return the value
     * @throws Exception if the computation fails; the joiner receives it as a {@link TaskFailedException}'s cause
     */
    T apply(TaskContext context) throws Exception;
}

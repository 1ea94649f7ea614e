package dev.weft.fork;

/**
 * A piece of fork/join work that computes a {@code long} from a {@code long} argument: the primitive form of
 * {@link ForkFunction} for {@link TaskContext#fork(LongForkFunction, long)} and
 * {@link TaskContext#forkOnDemand(LongForkFunction, long)}. Passing the argument beside the
 * function lets the function be a non-capturing lambda or a static method reference, one shared object, so that a
 * call that runs inline allocates nothing: no capturing lambda, no boxed value, no task.
 */
@FunctionalInterface
public interface LongForkFunction {

    /**
     * Computes the value.
     *
     * @param context the running worker's context
     * @param argument the argument given to the fork
     * @return the value
     * @throws Exception if the computation fails; the joiner receives it as a {@link TaskFailedException}'s cause
     */
    long apply(TaskContext context, long argument) throws Exception;
}

package dev.weft.fork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rarely needed part of a {@link Task}, allocated on first use so that the many tasks that need none of it stay
 * small: the first failure passed up to the task, the thread parked waiting on it, and its name.
 *
 * <p>The failure is set once by compare-and-set (the first one wins); the waiting thread is volatile, so a completer
 * that reads it after publishing the outcome and a waiter that writes it before re-checking the outcome cannot both
 * miss each other; the name is written before the task is published.
 */
final class TaskAux {

    private static final VarHandle FAILURE;

    static {
        try {
            FAILURE = MethodHandles.lookup().findVarHandle(TaskAux.class, "failure", Throwable.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Throwable failure;
    volatile Thread waitingThread;
    String name;

    Throwable failure() {
        return failure;
    }

    boolean recordFailure(final Throwable thrown) {
        return FAILURE.compareAndSet(this, (Throwable) null, thrown);
    }
}

package dev.weft.fork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The rarely needed part of a {@link Task}, allocated on first use so that the many tasks that need none of it stay
 * small: the first failure passed up to the task, the thread parked waiting on it, its name, and, for a task made
 * through a {@link TaskKind} for a worker's cache, that kind and worker.
 *
 * <p>The failure is set once by compare-and-set (the first one wins); the waiting thread is volatile, so a completer
 * that reads it after publishing the outcome and a waiter that writes it before re-checking the outcome cannot both
 * miss each other; the name, the kind and the worker are written before the task is published. A cached task keeps
 * its record from one use to the next: {@link #clearForReuse} empties all but the kind and the worker.
 */
final class TaskAux {

    private static final VarHandle FAILURE;
    private static final VarHandle WAITING_THREAD;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            FAILURE = lookup.findVarHandle(TaskAux.class, "failure", Throwable.class);
            WAITING_THREAD = lookup.findVarHandle(TaskAux.class, "waitingThread", Thread.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Throwable failure;
    volatile Thread waitingThread;
    String name;
    private int kindId;
    private int ownerIndex = -1;

    Throwable failure() {
        return failure;
    }

    boolean recordFailure(final Throwable thrown) {
        return FAILURE.compareAndSet(this, (Throwable) null, thrown);
    }

    void bindKind(final int kind, final int worker) {
        kindId = kind;
        ownerIndex = worker;
    }

    int kindId() {
        return kindId;
    }

    int ownerIndex() {
        return ownerIndex;
    }

    /**
     * Empties the record for the task's next use, keeping its kind and worker; the owning worker only, once no other
     * thread holds the task. Plain writes, and only of what is set: a volatile write would fence every reuse, and the
     * queue the task is next published through orders these writes.
     */
    void clearForReuse() {
        if (failure != null) {
            FAILURE.set(this, (Throwable) null);
        }
        if (waitingThread != null) {
            WAITING_THREAD.set(this, (Thread) null);
        }
        name = null;
    }
}

package dev.weft.fork;

import dev.weft.platform.OwnedId;

/**
 * Hooks into a {@link WorkerPool}'s lifetime, GTS's {@code WorkerPoolVisitor}: each owned worker thread calls
 * {@link #onThreadStart} before it looks for its first task and {@link #onThreadExit} as it ends. The master thread,
 * which the pool does not own, calls neither. The methods run on the worker threads themselves, so they may set
 * thread-local state; a visitor that throws is reported and the worker goes on.
 */
public interface WorkerPoolVisitor {

    /** A visitor that does nothing. */
    WorkerPoolVisitor NONE = new WorkerPoolVisitor() {};

    /**
     * Called on a worker thread as it starts.
     *
     * @param workerId the worker's id: (pool id, worker index)
     */
    default void onThreadStart(final OwnedId workerId) {}

    /**
     * Called on a worker thread as it exits.
     *
     * @param workerId the worker's id: (pool id, worker index)
     */
    default void onThreadExit(final OwnedId workerId) {}
}

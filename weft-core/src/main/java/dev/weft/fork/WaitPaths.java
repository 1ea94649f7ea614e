package dev.weft.fork;

import java.util.Objects;

/**
 * How callers wait on a {@link MicroScheduler}, GTS's {@code spawnTaskAndWait} and {@code waitFor}: a worker of the
 * pool runs the task inline (if its affinity allows) and then helps, running this scheduler's tasks (and its
 * victims') until the wait is over; any other thread queues the task and parks through {@link OutsideWait}.
 *
 * <p>A wait is a task holding one reference for the waiter: the wait ends when only the task itself and that
 * reference are left (a count of 2), and the waiter sets it back to 1. A failure a child passed up is thrown to the
 * waiter as a {@link TaskFailedException}.
 */
final class WaitPaths {

    private final MicroScheduler scheduler;
    private final WorkerPool pool;
    private final LocalScheduler[] locals;
    private final SpawnPaths spawns;

    WaitPaths(final MicroScheduler scheduler, final LocalScheduler[] locals, final SpawnPaths spawns) {
        this.scheduler = scheduler;
        this.pool = scheduler.pool();
        this.locals = locals;
        this.spawns = spawns;
    }

    /**
     * Spawns a task and waits for it and everything it made ready.
     *
     * @param task the task, without a parent
     * @param priority its priority
     */
    void spawnAndWait(final Task task, final int priority) {
        Objects.requireNonNull(task, "task");
        spawns.checkPriority(priority);
        spawns.checkAccepting(task);
        final EmptyTask waiter = new EmptyTask();
        waiter.setName("wait for " + task.name());
        waiter.setRef(3);
        task.setParentForWait(waiter);
        runAndWait(task, priority, waiter);
    }

    /**
     * Runs {@code task} inline if the caller is a worker its affinity allows, or spawns it otherwise, and then waits
     * on {@code waiter}, which holds the wait's reference.
     *
     * @param task the first task, already a child of {@code waiter} (directly or through descendants)
     * @param priority the priority to spawn it at
     * @param waiter the task waited on
     */
    void runAndWait(final Task task, final int priority, final Task waiter) {
        final int self = pool.currentWorkerIndex();
        if (self < 0 || (task.affinity() >= 0 && task.affinity() != self)) {
            spawns.spawn(task, priority);
        } else {
            locals[self].runInline(task);
        }
        await(waiter, self);
    }

    /**
     * Waits until {@code waiter}'s children have finished, helping on a worker and parking elsewhere.
     *
     * @param waiter the task holding the wait's reference
     * @param self the caller's worker index, or -1 for a thread outside the pool
     * @throws TaskFailedException if a child passed a failure up
     */
    void await(final Task waiter, final int self) {
        if (self >= 0) {
            locals[self].helpUntilDone(waiter);
        } else {
            OutsideWait.until(waiter, pool);
        }
        waiter.endWait();
        final Throwable failure = waiter.failure();
        if (failure != null) {
            throw new TaskFailedException(waiter, failure);
        }
    }

    /** Waits until the scheduler has no task left: a worker helps, another thread backs off. */
    void waitForAll() {
        final int self = pool.currentWorkerIndex();
        if (self >= 0) {
            locals[self].helpUntilEmpty();
            return;
        }
        OutsideWait.untilIdle(scheduler);
    }

    /**
     * Lets the calling worker find and run one task (and whatever that task hands on).
     *
     * @return true if a task ran
     * @throws IllegalStateException if the caller is not a worker of the pool
     */
    boolean stealAndExecute() {
        final int self = pool.currentWorkerIndex();
        if (self < 0) {
            throw new IllegalStateException("stealAndExecuteTask needs a worker of pool '" + pool.name() + "'; thread '"
                    + Thread.currentThread().getName() + "' is not one");
        }
        final LocalScheduler local = locals[self];
        final Task task = local.findTask(false);
        if (task == null) {
            return false;
        }
        local.runInline(task);
        return true;
    }
}

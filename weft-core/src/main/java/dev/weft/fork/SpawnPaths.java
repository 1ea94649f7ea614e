package dev.weft.fork;

import java.util.concurrent.RejectedExecutionException;

/**
 * Where a spawned task goes, GTS's {@code MicroScheduler::_addTask}, with the checks every spawn makes.
 *
 * <ol>
 *   <li>a task with an affinity goes to that worker's MPSC affinity queue, and that worker is woken;</li>
 *   <li>otherwise, if the caller is a worker of the pool, onto the caller's own work-stealing deque (LIFO for the
 *       caller, FIFO for thieves); one sleeping worker, and one worker of a thief scheduler, is woken;</li>
 *   <li>otherwise (a thread outside the pool) into the scheduler's shared MPMC queue, and one worker is woken.</li>
 * </ol>
 * Each path has one queue per priority. A spawn from inside a task ({@link TaskContext#spawn}) already knows its
 * worker and takes {@link #spawnFrom}, which skips the thread lookup and checks only what can fail there: a
 * priority other than 0, a shut-down scheduler (one volatile read) and an affinity to another worker.
 */
final class SpawnPaths {

    private final MicroScheduler scheduler;
    private final WorkerPool pool;
    private final LocalScheduler[] locals;
    private final SharedQueues shared;
    private final VictimGraph graph;
    private final int priorityCount;

    SpawnPaths(
            final MicroScheduler scheduler,
            final LocalScheduler[] locals,
            final SharedQueues shared,
            final VictimGraph graph) {
        this.scheduler = scheduler;
        this.pool = scheduler.pool();
        this.locals = locals;
        this.shared = shared;
        this.graph = graph;
        this.priorityCount = scheduler.priorityCount();
    }

    /**
     * Spawns from any thread: the three paths, with the thread lookup.
     *
     * @param task the task
     * @param priority its priority
     * @throws IllegalArgumentException if the priority or the task's affinity is out of range
     * @throws RejectedExecutionException if the scheduler is shut down or a shared queue is full
     */
    void spawn(final Task task, final int priority) {
        checkPriority(priority);
        checkAccepting(task);
        final int aff = task.affinity();
        if (aff >= 0) {
            checkAffinity(task);
            locals[aff].pushAffinity(task, priority);
            return;
        }
        final int self = pool.currentWorkerIndex();
        if (self >= 0) {
            locals[self].push(task, priority);
        } else {
            pushShared(task, priority);
        }
    }

    /**
     * Spawns from a worker's context: the hot path.
     *
     * @param local the spawning worker's local scheduler
     * @param task the task
     * @param priority its priority
     */
    void spawnFrom(final LocalScheduler local, final Task task, final int priority) {
        if (priority != 0) {
            checkPriority(priority);
        }
        if (!scheduler.isRunning()) {
            checkAccepting(task);
        }
        final int aff = task.affinity();
        if (aff >= 0 && aff != local.index()) {
            checkAffinity(task);
            locals[aff].pushAffinity(task, priority);
        } else {
            local.push(task, priority);
        }
    }

    /**
     * Pushes a task just made by a fork onto the forking worker's deque at priority 0: the path of
     * {@link TaskContext#fork}, which needs none of {@link #spawnFrom}'s checks since a new fork task has no affinity.
     *
     * @param local the forking worker's scheduler
     * @param task the task
     * @throws RejectedExecutionException if the scheduler is shut down
     */
    void spawnForked(final LocalScheduler local, final ForkTask task) {
        if (!scheduler.isRunning()) {
            checkAccepting(task);
        }
        local.push(task, 0);
    }

    /**
     * Spawns at priority 0 into the shared queue whatever the calling thread: for submissions that should not land
     * on the caller's own deque (an executor's master thread, for one).
     *
     * @param task the task
     * @throws RejectedExecutionException if the scheduler is shut down or the queue is full
     */
    void spawnShared(final Task task) {
        checkAccepting(task);
        pushShared(task, 0);
    }

    private void pushShared(final Task task, final int priority) {
        task.state = Task.READY;
        shared.offer(task, priority, scheduler.name());
        pool.wakeOne();
        graph.wakeThief();
    }

    void checkPriority(final int priority) {
        if (priority < 0 || priority >= priorityCount) {
            throw new IllegalArgumentException("priority " + priority + " is outside [0, " + priorityCount
                    + ") of scheduler '" + scheduler.name() + "'");
        }
    }

    void checkAccepting(final Task task) {
        if (!scheduler.isRunning()) {
            checkAccepting(task.name());
        }
    }

    /**
     * Throws if the scheduler no longer accepts work, naming the work that was refused.
     *
     * @param taskName the name of the work
     */
    void checkAccepting(final String taskName) {
        if (!scheduler.isRunning()) {
            throw new RejectedExecutionException(
                    "scheduler '" + scheduler.name() + "' is shut down; task '" + taskName + "' was not spawned");
        }
    }

    private void checkAffinity(final Task task) {
        if (task.affinity() >= locals.length) {
            throw new IllegalArgumentException("task '" + task.name() + "' has affinity to worker " + task.affinity()
                    + ", but pool '" + pool.name() + "' has " + locals.length + " workers");
        }
    }
}

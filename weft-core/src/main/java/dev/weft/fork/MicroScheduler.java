package dev.weft.fork;

import dev.weft.platform.OwnedId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduling policy of tasks onto a {@link WorkerPool}, GTS's {@code MicroScheduler}: one local scheduler per
 * worker, task priorities, isolation from other schedulers on the same pool, and external victims.
 *
 * <p><b>Implementation overview.</b> This class is the public face; each mechanism lives in a class of its own:
 * <ul>
 *   <li>where a spawned task goes (affinity queue, own deque or shared queue, per priority): {@link SpawnPaths};</li>
 *   <li>where a worker looks for a task (GTS's search order), how it executes tasks and how it helps while it waits:
 *       {@link LocalScheduler}, one per worker, over its {@link WorkDeque}s and affinity queues, this scheduler's
 *       {@link SharedQueues} and {@link CallbackList}; where thieves look in this scheduler: {@link StealSearch};</li>
 *   <li>how callers wait (inline and helping on a worker, parked elsewhere): {@link WaitPaths};</li>
 *   <li>the idle backoff, sleep and wake protocol of the workers serving the schedulers of a pool:
 *       {@link Worker}, {@link TerminationBackoff} and {@link WorkerPool}; how a thread outside the pool waits:
 *       {@link OutsideWait};</li>
 *   <li>the graph of external victims, kept a DAG: {@link VictimGraph};</li>
 *   <li>the end of a scheduler, cancelling what is still queued: {@link SchedulerShutdown}.</li>
 * </ul>
 *
 * <p><b>Isolation.</b> Any number of schedulers attach to one pool; each worker serves them round-robin, skipping
 * inactive ones. A scheduler is an arena of its own: a worker waiting in scheduler A runs only A's tasks, and the
 * tasks of A's external victims.
 *
 * <p><b>External victims.</b> A scheduler may list other schedulers (on the same or another pool) as victims: its
 * idle workers steal from their deques once their own scheduler is exhausted. The victim graph must stay a DAG:
 * {@link #addExternalVictim} rejects an edge that would close a cycle (GTS leaves that undefined), since a cycle
 * lets two schedulers' waits feed on each other's tasks.
 *
 * <p><b>Shutdown.</b> {@link #shutdown()} rejects new spawns, detaches from the pool, and drains every queue until no
 * worker is inside the scheduler: each drained task ends cancelled, its parent receiving a
 * {@link CancellationException} as a failure (so waiters wake and throw), and the cancelled tasks are returned.
 * Every spawned task thus ends in exactly one way: run, failed, or cancelled.
 */
public final class MicroScheduler implements AutoCloseable {

    private static final OwnedId.OwnerCounter SCHEDULER_IDS = new OwnedId.OwnerCounter();

    private final int id;
    private final MicroSchedulerConfig desc;
    private final WorkerPool pool;
    private final LocalScheduler[] locals;
    private final SharedQueues shared;
    private final VictimGraph graph;
    private final CallbackList callbacks = new CallbackList();
    private final SpawnPaths spawns;
    private final WaitPaths waits;
    private final StealSearch steals;
    private final AtomicInteger workersInside = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile boolean active = true;
    private volatile boolean accepting = true;

    private MicroScheduler(final MicroSchedulerConfig desc) {
        this.id = SCHEDULER_IDS.nextOwnerId();
        this.desc = desc;
        this.pool = desc.pool();
        this.shared = new SharedQueues(desc.priorityCount(), desc.sharedQueueCapacity());
        this.graph = new VictimGraph(this);
        this.locals = new LocalScheduler[pool.workerCount()];
        this.spawns = new SpawnPaths(this, locals, shared, graph);
        this.waits = new WaitPaths(this, locals, spawns);
        this.steals = new StealSearch(this, locals, shared);
        for (int i = 0; i < locals.length; i++) {
            locals[i] = new LocalScheduler(this, i);
        }
        pool.attach(this);
        SchedulerStatistics.register(this);
    }

    /**
     * Attaches a scheduler with GTS's defaults (one priority) to a pool.
     *
     * @param pool the pool
     * @return the running scheduler
     * @throws IllegalStateException if the pool is shut down
     */
    public static MicroScheduler start(final WorkerPool pool) {
        return start(MicroSchedulerConfig.builder(pool).build());
    }

    /**
     * Attaches a scheduler by a description.
     *
     * @param desc the pool, priorities, boost age and stealing options
     * @return the running scheduler
     * @throws IllegalStateException if the pool is shut down
     */
    public static MicroScheduler start(final MicroSchedulerConfig desc) {
        return new MicroScheduler(Objects.requireNonNull(desc, "desc"));
    }

    // ---- identity and configuration ----

    /**
     * Returns the scheduler's owner id.
     *
     * @return the id, in {@code [0, 65535]}
     */
    public int id() {
        return id;
    }

    /**
     * Returns the scheduler's name.
     *
     * @return the name
     */
    public String name() {
        return desc.name();
    }

    /**
     * Returns the pool the scheduler runs on.
     *
     * @return the pool
     */
    public WorkerPool pool() {
        return pool;
    }

    /**
     * Returns the number of priorities.
     *
     * @return at least 1
     */
    public int priorityCount() {
        return desc.priorityCount();
    }

    /**
     * Returns the boost age.
     *
     * @return executed tasks between boosts
     */
    public int priorityBoostAge() {
        return desc.priorityBoostAge();
    }

    /**
     * Whether idle workers steal from external victims.
     *
     * @return the setting
     */
    public boolean canStealExternalTasks() {
        return desc.canStealExternalTasks();
    }

    /**
     * Whether workers steal back from their last thief first.
     *
     * @return the setting
     */
    public boolean canStealBackTasks() {
        return desc.canStealBackTasks();
    }

    /**
     * Returns the number of workers (local schedulers), the master included.
     *
     * @return the pool's worker count
     */
    public int workerCount() {
        return locals.length;
    }

    /**
     * Returns the calling thread's local scheduler id: (scheduler id, worker index).
     *
     * @return the id, or {@link OwnedId#UNKNOWN} if the caller is not a worker of the pool
     */
    public OwnedId thisWorkerId() {
        final int index = pool.currentWorkerIndex();
        return index < 0 ? OwnedId.UNKNOWN : OwnedId.of(id, index);
    }

    // ---- state ----

    /**
     * Sets whether workers serve this scheduler; an inactive scheduler keeps its tasks until it is active again.
     *
     * @param isActive the new state
     */
    public void setActive(final boolean isActive) {
        active = isActive;
        if (isActive) {
            pool.wakeAll();
        }
    }

    /**
     * Whether workers serve this scheduler.
     *
     * @return the active flag, false once shut down
     */
    public boolean isActive() {
        return active;
    }

    /**
     * Whether the scheduler accepts tasks (not shut down).
     *
     * @return true until {@link #shutdown()}
     */
    public boolean isRunning() {
        return accepting;
    }

    /**
     * Whether any queue of this scheduler holds a task.
     *
     * @return true if some shared queue, affinity queue or deque is not empty
     */
    public boolean hasTasks() {
        return steals.hasQueuedTasks();
    }

    /**
     * Whether any external victim of this scheduler holds a task a thief could take.
     *
     * @return true if some victim's deque is not empty
     */
    public boolean hasExternalTasks() {
        return steals.hasExternalTasks();
    }

    /**
     * Whether a thief failed to find work at some worker since the last clear: the scheduler could use more tasks.
     *
     * @param clear whether to clear the flags
     * @return true if some worker has unmet demand
     */
    public boolean hasDemand(final boolean clear) {
        boolean any = false;
        for (final LocalScheduler local : locals) {
            any |= local.hasDemand(clear);
        }
        return any;
    }

    /**
     * Returns a snapshot of every worker's counters in this scheduler.
     *
     * @return one entry per worker, the master first
     */
    public List<WorkerStats> workerStats() {
        final List<WorkerStats> stats = new ArrayList<>(locals.length);
        for (final LocalScheduler local : locals) {
            stats.add(local.stats());
        }
        return stats;
    }

    /** Wakes one sleeping worker of the pool, for a caller that made work appear outside the scheduler's queues. */
    public void wakeWorker() {
        pool.wakeOne();
    }

    // ---- spawning and waiting ----

    /**
     * Allocates a task of a kind: from the calling worker's task cache if the caller is a worker of the pool (see
     * {@link TaskContext#allocateTask}), fresh and never cached otherwise.
     *
     * @param kind the kind of task
     * @param <T> the task class
     * @return the task
     */
    public <T extends Task> T allocateTask(final TaskKind<T> kind) {
        Objects.requireNonNull(kind, "kind");
        final int self = pool.currentWorkerIndex();
        return self >= 0 ? pool.worker(self).cache().allocate(kind) : kind.create(-1);
    }

    /**
     * Spawns a task at priority 0.
     *
     * @param task the task, not yet spawned
     * @throws RejectedExecutionException if the scheduler is shut down or a shared queue is full
     */
    public void spawnTask(final Task task) {
        spawnTask(task, 0);
    }

    /**
     * Spawns a task at a priority, by GTS's three paths (affinity queue, own deque, shared queue).
     *
     * @param task the task, not yet spawned
     * @param priority its priority, in {@code [0, priorityCount)}
     * @throws IllegalArgumentException if the priority or the task's affinity is out of range
     * @throws RejectedExecutionException if the scheduler is shut down or a shared queue is full
     */
    public void spawnTask(final Task task, final int priority) {
        spawns.spawn(Objects.requireNonNull(task, "task"), priority);
    }

    /**
     * Spawns a task at priority 0 into the shared queue, whatever the calling thread (see
     * {@link SpawnPaths#spawnShared}).
     *
     * @param task the task, not yet spawned
     * @throws RejectedExecutionException if the scheduler is shut down or the queue is full
     */
    void spawnShared(final Task task) {
        spawns.spawnShared(task);
    }

    /**
     * Spawns a task at priority 0 and waits until it (and everything it made ready) has finished.
     *
     * @param task the task, without a parent
     * @throws TaskFailedException if the task or a descendant passed a failure up
     * @throws RejectedExecutionException if the scheduler is shut down
     */
    public void spawnTaskAndWait(final Task task) {
        spawnTaskAndWait(task, 0);
    }

    /**
     * Spawns a task and waits for it, GTS's {@code spawnTaskAndWait}: a worker of the pool runs the task inline (if
     * its affinity allows) and then helps until it is done; any other thread queues it and parks.
     *
     * @param task the task, without a parent
     * @param priority its priority, in {@code [0, priorityCount)}
     * @throws TaskFailedException if the task or a descendant passed a failure up
     * @throws RejectedExecutionException if the scheduler is shut down
     */
    public void spawnTaskAndWait(final Task task, final int priority) {
        waits.spawnAndWait(task, priority);
    }

    /**
     * Waits until {@code task}'s children have finished: the task must hold a reference for the wait (its count is
     * 1 for itself, one per child, and 1 for the wait), and the wait ends when only 2 are left, which it then sets
     * back to 1. A worker helps meanwhile; another thread parks.
     *
     * @param task the task whose children are waited for
     * @throws TaskFailedException if a child passed a failure up
     */
    public void waitFor(final Task task) {
        Objects.requireNonNull(task, "task");
        waits.await(task, pool.currentWorkerIndex());
    }

    /**
     * Waits until this scheduler has no task left: a worker helps until its search finds nothing; a thread outside
     * the pool backs off until every queue is empty and no worker is inside the scheduler.
     */
    public void waitForAll() {
        waits.waitForAll();
    }

    /**
     * Lets the calling worker find and run one task of this scheduler (and whatever that task hands on).
     *
     * @return true if a task ran
     * @throws IllegalStateException if the caller is not a worker of the pool
     */
    public boolean stealAndExecuteTask() {
        return waits.stealAndExecute();
    }

    // ---- ergonomic layer ----

    /**
     * Runs a function as a task and returns its result, waiting as {@link #spawnTaskAndWait} does. Inside, the
     * function forks and joins through its {@link TaskContext}.
     *
     * @param function the work
     * @param <T> the result type
     * @return the function's result
     * @throws TaskFailedException if the function threw (the original throwable is the cause)
     * @throws RejectedExecutionException if the scheduler is shut down
     */
    public <T> T invoke(final ForkFunction<T> function) {
        final ObjectForkTask<T> forked = new ObjectForkTask<>(Objects.requireNonNull(function, "function"));
        spawnTaskAndWait(forked);
        return forked.resultOrThrow();
    }

    /**
     * Runs a callable as a task and returns its result, waiting as {@link #spawnTaskAndWait} does; for work that does
     * not fork (use {@link #invoke(ForkFunction)} for work that does).
     *
     * @param callable the work
     * @param <T> the result type
     * @return the callable's result
     * @throws TaskFailedException if the callable threw (the original throwable is the cause)
     * @throws RejectedExecutionException if the scheduler is shut down
     */
    public <T> T invoke(final java.util.concurrent.Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        return invoke(context -> callable.call());
    }

    /**
     * Runs a function as a task without waiting for it, and returns a future of its result; inside, the function
     * forks and joins through its {@link TaskContext}. The future completes exactly once: with the value, with what
     * the function threw, or cancelled by this scheduler's {@link #shutdown()} if the task never ran. Cancelling (or
     * otherwise completing) the future before the task starts keeps the function from running.
     *
     * @param function the work
     * @param <T> the result type
     * @return the future of its result
     * @throws RejectedExecutionException if the scheduler is shut down or its shared queue is full
     */
    public <T> CompletableFuture<T> invokeAsync(final ForkFunction<T> function) {
        final AsyncTask<T> task = new AsyncTask<>(Objects.requireNonNull(function, "function"));
        task.setName("async " + function);
        spawnTask(task);
        return task.future();
    }

    /**
     * Runs a callable as a task without waiting for it, as {@link #invokeAsync} does, for work that does not fork.
     *
     * @param callable the work
     * @param <T> the result type
     * @return the future of its result
     * @throws RejectedExecutionException if the scheduler is shut down or its shared queue is full
     */
    public <T> CompletableFuture<T> submit(final java.util.concurrent.Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        final AsyncTask<T> task = new AsyncTask<>(context -> callable.call());
        task.setName("async " + callable);
        spawnTask(task);
        return task.future();
    }

    /**
     * Runs {@code body} for each index in {@code [from, to)} on the scheduler's workers and returns when all have
     * run. The range is split in halves down to {@code grain} indices; each split spawns the upper half and keeps the
     * lower one, so thieves take the largest pieces.
     *
     * @param from the first index
     * @param to the index after the last
     * @param grain the largest piece run without splitting, at least 1
     * @param body what to run for each index
     * @throws TaskFailedException if the body threw
     */
    public void parallelFor(final int from, final int to, final int grain, final java.util.function.IntConsumer body) {
        ParallelFor.run(this, from, to, grain, body);
    }

    // ---- victims and callbacks ----

    /**
     * Adds an external victim: this scheduler's idle workers will steal from its deques.
     *
     * @param victim another scheduler
     * @throws IllegalArgumentException if the victim is this scheduler or the edge would close a cycle (the message
     *     names the cycle)
     */
    public void addExternalVictim(final MicroScheduler victim) {
        Objects.requireNonNull(victim, "victim");
        if (graph.add(victim)) {
            pool.wakeAll();
        }
    }

    /**
     * Removes an external victim.
     *
     * @param victim the victim to remove
     * @return true if it was a victim
     */
    public boolean removeExternalVictim(final MicroScheduler victim) {
        return graph.remove(victim);
    }

    /**
     * Returns the external victims.
     *
     * @return a snapshot
     */
    public List<MicroScheduler> externalVictimList() {
        return List.of(graph.victims());
    }

    /**
     * Registers a {@code CHECK_FOR_TASK} callback.
     *
     * @param callback the callback
     */
    public void registerCallback(final CheckForTaskCallback callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
        pool.wakeAll();
    }

    /**
     * Unregisters a callback.
     *
     * @param callback the callback, as registered
     * @return true if it was registered
     */
    public boolean unregisterCallback(final CheckForTaskCallback callback) {
        return callbacks.remove(callback);
    }

    // ---- shutdown ----

    /**
     * Shuts the scheduler down: rejects new spawns, detaches from the pool, cancels every queued task and waits until
     * no worker is inside. Idempotent.
     *
     * @return the tasks that never ran, each ended as cancelled (its parent received a
     *     {@link CancellationException}); empty on a second call
     * @throws IllegalStateException if called from inside one of this scheduler's tasks, which would wait for itself
     */
    public List<Task> shutdown() {
        final int self = pool.currentWorkerIndex();
        if (self >= 0 && locals[self].isInside()) {
            throw new IllegalStateException("scheduler '" + name() + "' cannot be shut down from one of its own tasks"
                    + " (worker " + OwnedId.of(id, self) + ")");
        }
        synchronized (lifecycle) {
            if (!accepting) {
                return List.of();
            }
            accepting = false;
        }
        graph.detach();
        pool.detach(this);
        final List<Task> cancelled = SchedulerShutdown.drainUntilIdle(this, shared, locals);
        active = false;
        SchedulerStatistics.unregister(this);
        return List.copyOf(cancelled);
    }

    /** Shuts the scheduler down, as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    // ---- internals ----

    LocalScheduler local(final int index) {
        return locals[index];
    }

    SpawnPaths spawnPaths() {
        return spawns;
    }

    VictimGraph victimGraph() {
        return graph;
    }

    CheckForTaskCallback[] callbacks() {
        return callbacks.snapshot();
    }

    MicroScheduler[] externalVictims() {
        return graph.victims();
    }

    Task pollShared(final int priority) {
        return shared.poll(priority);
    }

    int workersInside() {
        return workersInside.get();
    }

    void workerEntered() {
        workersInside.incrementAndGet();
    }

    void workerLeft() {
        workersInside.decrementAndGet();
    }

    /** Wakes one worker of one thief scheduler (see {@link VictimGraph#wakeThief}). */
    void wakeThief() {
        graph.wakeThief();
    }

    WaitPaths waitPaths() {
        return waits;
    }

    StealSearch steals() {
        return steals;
    }

    /**
     * Returns a readable summary.
     *
     * @return the name, id and pool
     */
    @Override
    public String toString() {
        return "MicroScheduler{" + name() + ", id=" + id + ", pool=" + pool.name() + "}";
    }
}

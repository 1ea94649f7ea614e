package dev.weft.fork;

import dev.weft.platform.OwnedId;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduling policy of tasks onto a {@link WorkerPool}, GTS's {@code MicroScheduler}: one local scheduler per
 * worker, task priorities, isolation from other schedulers on the same pool, and external victims.
 *
 * <p><b>Where a spawned task goes</b> (GTS's {@code _addTask}):
 * <ol>
 *   <li>a task with an affinity goes to that worker's MPSC affinity queue, and that worker is woken;</li>
 *   <li>otherwise, if the caller is a worker of the pool, onto the caller's own work-stealing deque (LIFO for the
 *       caller, FIFO for thieves); one sleeping worker, and one worker of a thief scheduler, is woken;</li>
 *   <li>otherwise (a thread outside the pool) into the scheduler's shared MPMC queue, and one worker is woken.</li>
 * </ol>
 * Each path has one queue per priority. Where a worker looks for tasks is described in {@link LocalScheduler}.
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
    private static final MicroScheduler[] NO_SCHEDULERS = new MicroScheduler[0];
    private static final CheckForTaskCallback[] NO_CALLBACKS = new CheckForTaskCallback[0];
    private static final Object VICTIM_GRAPH = new Object();

    private final int id;
    private final MicroSchedulerDesc desc;
    private final WorkerPool pool;
    private final LocalScheduler[] locals;
    private final MpmcVarHandleArrayQueue<Task>[] shared;
    private final AtomicInteger workersInside = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile boolean active = true;
    private volatile boolean accepting = true;
    private volatile MicroScheduler[] victims = NO_SCHEDULERS;
    private volatile MicroScheduler[] thieves = NO_SCHEDULERS;
    private volatile CheckForTaskCallback[] callbacks = NO_CALLBACKS;

    @SuppressWarnings("unchecked")
    private MicroScheduler(final MicroSchedulerDesc desc) {
        this.id = SCHEDULER_IDS.nextOwnerId();
        this.desc = desc;
        this.pool = desc.pool();
        this.shared = new MpmcVarHandleArrayQueue[desc.priorityCount()];
        for (int p = 0; p < shared.length; p++) {
            shared[p] = new MpmcVarHandleArrayQueue<>(desc.sharedQueueCapacity());
        }
        this.locals = new LocalScheduler[pool.workerCount()];
        for (int i = 0; i < locals.length; i++) {
            locals[i] = new LocalScheduler(this, i);
        }
        pool.attach(this);
    }

    /**
     * Attaches a scheduler with GTS's defaults (one priority) to a pool.
     *
     * @param pool the pool
     * @return the running scheduler
     * @throws IllegalStateException if the pool is shut down
     */
    public static MicroScheduler initialize(final WorkerPool pool) {
        return initialize(MicroSchedulerDesc.builder(pool).build());
    }

    /**
     * Attaches a scheduler by a description.
     *
     * @param desc the pool, priorities, boost age and stealing options
     * @return the running scheduler
     * @throws IllegalStateException if the pool is shut down
     */
    public static MicroScheduler initialize(final MicroSchedulerDesc desc) {
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
        for (final MpmcVarHandleArrayQueue<Task> queue : shared) {
            if (!queue.isEmpty()) {
                return true;
            }
        }
        for (final LocalScheduler local : locals) {
            if (local.hasQueuedTasks()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any external victim of this scheduler holds a task a thief could take.
     *
     * @return true if some victim's deque is not empty
     */
    public boolean hasExternalTasks() {
        for (final MicroScheduler victim : victims) {
            for (final LocalScheduler local : victim.locals) {
                if (local.hasStealableTasks()) {
                    return true;
                }
            }
        }
        return false;
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
        Objects.requireNonNull(task, "task");
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
     * Spawns a task from a worker's context: the hot path, without the thread lookup.
     *
     * @param local the spawning worker's local scheduler
     * @param task the task
     * @param priority its priority
     */
    void spawnFrom(final LocalScheduler local, final Task task, final int priority) {
        if (priority != 0) {
            checkPriority(priority);
        }
        if (!accepting) {
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
     * Spawns a task at priority 0 into the shared queue, whatever the calling thread: the path for submissions that
     * should not land on the caller's own deque (an executor's master thread, for one).
     *
     * @param task the task, not yet spawned
     * @throws RejectedExecutionException if the scheduler is shut down or the queue is full
     */
    void spawnShared(final Task task) {
        checkAccepting(task);
        pushShared(task, 0);
    }

    /**
     * Puts a task into the shared queue, whatever the calling thread.
     *
     * @param task the task
     * @param priority its priority, already checked
     * @throws RejectedExecutionException if the queue is full
     */
    void pushShared(final Task task, final int priority) {
        task.state = Task.READY;
        if (!shared[priority].offer(task)) {
            throw new RejectedExecutionException("the shared queue of priority " + priority + " of scheduler '"
                    + name() + "' is full (capacity " + desc.sharedQueueCapacity() + "); task '" + task.name()
                    + "' was not queued");
        }
        pool.wakeOne();
        wakeThief();
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
        Objects.requireNonNull(task, "task");
        checkPriority(priority);
        checkAccepting(task);
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
            spawnTask(task, priority);
        } else {
            locals[self].runInline(task);
        }
        awaitWaiter(waiter, self);
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
        awaitWaiter(task, pool.currentWorkerIndex());
    }

    private void awaitWaiter(final Task waiter, final int self) {
        if (self >= 0) {
            locals[self].helpUntilDone(waiter);
        } else {
            LocalScheduler.waitOutside(waiter, pool);
        }
        waiter.endWait();
        final Throwable failure = waiter.failure();
        if (failure != null) {
            throw new TaskFailedException(waiter, failure);
        }
    }

    /**
     * Waits until this scheduler has no task left: a worker helps until its search finds nothing; a thread outside
     * the pool backs off until every queue is empty and no worker is inside the scheduler.
     */
    public void waitForAll() {
        final int self = pool.currentWorkerIndex();
        if (self >= 0) {
            locals[self].helpUntilEmpty();
            return;
        }
        long pause = 1_000;
        while (hasTasks() || workersInside.get() > 0) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 1_000_000);
        }
    }

    /**
     * Lets the calling worker find and run one task of this scheduler (and whatever that task hands on).
     *
     * @return true if a task ran
     * @throws IllegalStateException if the caller is not a worker of the pool
     */
    public boolean stealAndExecuteTask() {
        final int self = pool.currentWorkerIndex();
        if (self < 0) {
            throw new IllegalStateException("stealAndExecuteTask needs a worker of pool '" + pool.name()
                    + "'; thread '" + Thread.currentThread().getName() + "' is not one");
        }
        final LocalScheduler local = locals[self];
        final Task task = local.findTask(false);
        if (task == null) {
            return false;
        }
        local.runInline(task);
        return true;
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
        final Forked<T> forked = new Forked<>(Objects.requireNonNull(function, "function"));
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
        synchronized (VICTIM_GRAPH) {
            if (victim == this) {
                throw new IllegalArgumentException("scheduler '" + name() + "' cannot be its own external victim");
            }
            final List<MicroScheduler> path = pathTo(victim, this);
            if (path != null) {
                final StringBuilder cycle = new StringBuilder(name());
                for (final MicroScheduler step : path) {
                    cycle.append(" -> ").append(step.name());
                }
                throw new IllegalArgumentException("adding '" + victim.name() + "' as an external victim of '"
                        + name() + "' would close the cycle " + cycle + "; external victims must form a DAG");
            }
            if (Arrays.asList(victims).contains(victim)) {
                return;
            }
            victims = append(victims, victim);
            victim.thieves = append(victim.thieves, this);
        }
        pool.wakeAll();
    }

    /**
     * Removes an external victim.
     *
     * @param victim the victim to remove
     * @return true if it was a victim
     */
    public boolean removeExternalVictim(final MicroScheduler victim) {
        synchronized (VICTIM_GRAPH) {
            if (!Arrays.asList(victims).contains(victim)) {
                return false;
            }
            victims = remove(victims, victim);
            victim.thieves = remove(victim.thieves, this);
            return true;
        }
    }

    /**
     * Returns the external victims.
     *
     * @return a snapshot
     */
    public List<MicroScheduler> externalVictimList() {
        return List.of(victims);
    }

    /** The path of victim edges from {@code from} to {@code to}, both included from the second step, or null. */
    private static List<MicroScheduler> pathTo(final MicroScheduler from, final MicroScheduler to) {
        final ArrayDeque<List<MicroScheduler>> open = new ArrayDeque<>();
        open.add(List.of(from));
        final List<MicroScheduler> seen = new ArrayList<>();
        while (!open.isEmpty()) {
            final List<MicroScheduler> path = open.poll();
            final MicroScheduler last = path.get(path.size() - 1);
            if (last == to) {
                return path;
            }
            if (seen.contains(last)) {
                continue;
            }
            seen.add(last);
            for (final MicroScheduler next : last.victims) {
                final List<MicroScheduler> longer = new ArrayList<>(path);
                longer.add(next);
                open.add(longer);
            }
        }
        return null;
    }

    /**
     * Registers a {@code CHECK_FOR_TASK} callback.
     *
     * @param callback the callback
     */
    public void registerCallback(final CheckForTaskCallback callback) {
        Objects.requireNonNull(callback, "callback");
        synchronized (lifecycle) {
            final CheckForTaskCallback[] now = Arrays.copyOf(callbacks, callbacks.length + 1);
            now[now.length - 1] = callback;
            callbacks = now;
        }
        pool.wakeAll();
    }

    /**
     * Unregisters a callback.
     *
     * @param callback the callback, as registered
     * @return true if it was registered
     */
    public boolean unregisterCallback(final CheckForTaskCallback callback) {
        synchronized (lifecycle) {
            final int before = callbacks.length;
            callbacks = Arrays.stream(callbacks).filter(c -> c != callback).toArray(CheckForTaskCallback[]::new);
            return callbacks.length != before;
        }
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
        synchronized (VICTIM_GRAPH) {
            for (final MicroScheduler victim : victims) {
                victim.thieves = remove(victim.thieves, this);
            }
            for (final MicroScheduler thief : thieves) {
                thief.victims = remove(thief.victims, this);
            }
            victims = NO_SCHEDULERS;
            thieves = NO_SCHEDULERS;
        }
        pool.detach(this);
        final List<Task> cancelled = new ArrayList<>();
        long pause = 1_000;
        while (true) {
            final boolean nobodyInside = workersInside.get() == 0;
            final int drained = drainQueued(nobodyInside, cancelled);
            if (drained == 0 && nobodyInside && !hasTasks()) {
                break;
            }
            if (drained == 0) {
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, 1_000_000);
            }
        }
        active = false;
        return List.copyOf(cancelled);
    }

    /** Shuts the scheduler down, as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /**
     * Removes queued tasks and ends each as cancelled. Shared queues and deques are drained with their thread-safe
     * consumer operations; the single-consumer affinity queues only when {@code withAffinity} says no worker is inside
     * to consume them concurrently.
     *
     * @param withAffinity whether to drain the affinity queues too
     * @param cancelled where each cancelled task (and each parent cancelled with it) is added
     * @return the number of tasks drained
     */
    int drainQueued(final boolean withAffinity, final List<Task> cancelled) {
        final List<Task> drained = new ArrayList<>();
        for (final MpmcVarHandleArrayQueue<Task> queue : shared) {
            Task task;
            while ((task = queue.poll()) != null) {
                drained.add(task);
            }
        }
        for (final LocalScheduler local : locals) {
            local.drainTo(drained, withAffinity);
        }
        for (final Task task : drained) {
            cancel(task, cancelled);
        }
        return drained.size();
    }

    private void cancel(final Task task, final List<Task> cancelled) {
        Task current = task;
        cancelled.add(current);
        while (true) {
            current.state = Task.FINISHED;
            if (current instanceof Forked<?> forked) {
                forked.cancel();
            }
            final Task parent = current.parent();
            if (parent == null) {
                return;
            }
            parent.recordFailure(new CancellationException("task '" + task.name() + "' was cancelled by the shutdown"
                    + " of scheduler '" + name() + "'"));
            if (!parent.completeChild()) {
                return;
            }
            current = parent;
            cancelled.add(current);
        }
    }

    // ---- internals ----

    LocalScheduler local(final int index) {
        return locals[index];
    }

    CheckForTaskCallback[] callbacks() {
        return callbacks;
    }

    MicroScheduler[] externalVictims() {
        return victims;
    }

    Task pollShared(final int priority) {
        return shared[priority].poll();
    }

    void workerEntered() {
        workersInside.incrementAndGet();
    }

    void workerLeft() {
        workersInside.decrementAndGet();
    }

    /**
     * Wakes one worker of one scheduler that lists this one as a victim, GTS's "wake 1 thief scheduler"; with several
     * thieves, a random one, so none is favoured.
     */
    void wakeThief() {
        final MicroScheduler[] now = thieves;
        if (now.length == 1) {
            now[0].pool.wakeOne();
        } else if (now.length > 1) {
            now[java.util.concurrent.ThreadLocalRandom.current().nextInt(now.length)].pool.wakeOne();
        }
    }

    /**
     * Steals for a thief from this scheduler's deques, from a random start over all workers but the thief itself.
     *
     * @param thief the thief's worker (its random state picks the start)
     * @param thiefIndex the thief's index here, or -1 if it belongs to another scheduler
     * @return a stolen task, or null
     */
    Task stealForThief(final Worker thief, final int thiefIndex) {
        final int count = locals.length;
        final int start = count == 1 ? 0 : thief.nextRandom(count);
        for (int i = 0; i < count; i++) {
            final int victim = start + i < count ? start + i : start + i - count;
            if (victim != thiefIndex) {
                final Task task = locals[victim].stealBy(thiefIndex);
                if (task != null) {
                    return task;
                }
            }
        }
        return null;
    }

    /**
     * Whether worker {@code index} would find a task here: the sleeper's last look.
     *
     * @param index the worker's index
     * @return true if a shared queue, its affinity queues, a deque, or (if it may raid them) a victim holds a task
     */
    boolean hasWorkFor(final int index) {
        for (final MpmcVarHandleArrayQueue<Task> queue : shared) {
            if (!queue.isEmpty()) {
                return true;
            }
        }
        if (locals[index].hasQueuedTasks()) {
            return true;
        }
        for (final LocalScheduler local : locals) {
            if (local.hasStealableTasks()) {
                return true;
            }
        }
        return canStealExternalTasks() && index != 0 && hasExternalTasks();
    }

    void reportUncaught(final Task task, final Throwable failure) {
        try {
            pool.uncaughtTaskHandler().uncaught(this, task, failure);
        } catch (final Throwable e) {
            System.err.println("weft: the uncaught-task handler of pool '" + pool.name() + "' threw " + e
                    + " while reporting task '" + task.name() + "'");
        }
    }

    private void checkPriority(final int priority) {
        if (priority < 0 || priority >= desc.priorityCount()) {
            throw new IllegalArgumentException("priority " + priority + " is outside [0, " + desc.priorityCount()
                    + ") of scheduler '" + name() + "'");
        }
    }

    private void checkAffinity(final Task task) {
        if (task.affinity() >= locals.length) {
            throw new IllegalArgumentException("task '" + task.name() + "' has affinity to worker " + task.affinity()
                    + ", but pool '" + pool.name() + "' has " + locals.length + " workers");
        }
    }

    private void checkAccepting(final Task task) {
        if (!accepting) {
            throw new RejectedExecutionException("scheduler '" + name() + "' is shut down; task '" + task.name()
                    + "' was not spawned");
        }
    }

    private static MicroScheduler[] append(final MicroScheduler[] array, final MicroScheduler item) {
        final MicroScheduler[] now = Arrays.copyOf(array, array.length + 1);
        now[now.length - 1] = item;
        return now;
    }

    private static MicroScheduler[] remove(final MicroScheduler[] array, final MicroScheduler item) {
        return Arrays.stream(array).filter(s -> s != item).toArray(MicroScheduler[]::new);
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

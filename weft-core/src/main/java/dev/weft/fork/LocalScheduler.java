package dev.weft.fork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * One worker's part of one {@link MicroScheduler}, GTS's {@code LocalScheduler}: the worker's deques and affinity
 * queues, its search for work, and the loop that executes tasks.
 *
 * <p><b>Implementation overview.</b> Each priority has one {@link WorkDeque}, which the owning worker pushes and pops
 * LIFO and thieves steal from FIFO, and one JCTools MPSC affinity queue, which any thread fills with tasks pinned to
 * this worker. The search for a task follows GTS exactly:
 * <ol>
 *   <li>local: the own deques from priority 0 (highest) down; but once {@code priorityBoostAge} tasks have run since
 *       the last boost, first one task of the next lower priority, round-robin over 1..n-1, so low priorities are
 *       never starved;</li>
 *   <li>the scheduler's shared queues (tasks spawned by threads outside the pool), by priority;</li>
 *   <li>the own affinity queues, by priority;</li>
 *   <li>steal-back from the last thief (if enabled), then every other worker from a random start index, each
 *       victim's deques from priority 0 down; a successful steal marks the task stolen and clears the victim's
 *       demand flag, a failed one sets it;</li>
 *   <li>the {@code CHECK_FOR_TASK} callbacks;</li>
 *   <li>the scheduler's external victims, each in the same random-start pattern (not for the master at top level).</li>
 * </ol>
 * Executing a task (GTS's {@code _executeTaskLoop}) runs it, completes its parent (a parent made ready runs next
 * unless the task returned a bypass task, in which case the parent is pushed), respawns it if it recycled itself,
 * counts it towards the priority boost, and gives a finished task of a {@link TaskKind} back to the worker's
 * {@link TaskCache}.
 * A ready {@link EmptyTask} continuation, a pure join point, is not run at all: it completes its own parent on the
 * spot, which saves a task execution per join in recursive computations. A forked task that its joiner takes back
 * from the deque unstolen skips the loop: {@link #runIfUnstolen} counts it and runs its computation directly, since
 * nothing else can see it. A worker that waits helps: it keeps
 * searching this scheduler (and its victims, never another scheduler, which is the isolation guarantee) until the
 * wait is over; a thread outside the pool waits through {@link OutsideWait}, spinning briefly and then parking until
 * the task that ends the wait unparks it.
 *
 * <p>Everything here except {@link #stealBy}, {@link #hasQueuedTasks}, {@link #hasStealableTasks}, {@link #stats},
 * the thieves' marks and the affinity queues is touched only by the owning worker's thread.
 */
final class LocalScheduler {

    private static final int WAIT_SPINS = 64;
    private static final VarHandle EXECUTED;
    private static final VarHandle STOLEN;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            EXECUTED = lookup.findVarHandle(LocalScheduler.class, "executed", long.class);
            STOLEN = lookup.findVarHandle(LocalScheduler.class, "stolen", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MicroScheduler scheduler;
    private final WorkerPool pool;
    private final int index;
    private final Worker worker;
    private final WorkDeque[] deques;
    private final MessagePassingQueue<Task>[] affinity;
    private final TaskContext context;
    private final TaskCache cache;
    private final int priorityCount;
    private final int boostAgeReset;
    private final ThiefMarks marks;

    // The owner writes these on every task it runs, and thieves read the final fields above on every steal attempt:
    // padding keeps the two groups on different cache lines. HotSpot places long fields together, in declaration
    // order, so the counters are longs between two padding blocks.
    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07;

    private long boostAt;
    private long boostNext = 1;
    private long inside;
    private long executed;
    private long stolen;

    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17;

    @SuppressWarnings({"unchecked", "rawtypes"})
    LocalScheduler(final MicroScheduler scheduler, final int index) {
        this.scheduler = scheduler;
        this.pool = scheduler.pool();
        this.index = index;
        this.worker = pool.worker(index);
        this.cache = worker.cache();
        this.priorityCount = scheduler.priorityCount();
        this.boostAgeReset = scheduler.priorityBoostAge();
        this.boostAt = boostAgeReset;
        this.marks = new ThiefMarks(pool.workerCount() > 1);
        this.deques = new WorkDeque[priorityCount];
        this.affinity = new MessagePassingQueue[priorityCount];
        for (int p = 0; p < priorityCount; p++) {
            deques[p] = new WorkDeque();
            affinity[p] = new MpscUnboundedVarHandleArrayQueue<>(64);
        }
        this.context = new TaskContext(this);
    }

    MicroScheduler scheduler() {
        return scheduler;
    }

    /** Whether the caller is this local scheduler's worker: the thread its owner-only methods assert. */
    boolean onOwnerThread() {
        return pool.currentWorkerIndex() == index;
    }

    int index() {
        return index;
    }

    Worker worker() {
        return worker;
    }

    // ---- spawning ----

    /**
     * Pushes a task onto this worker's own deque and wakes a sleeper if there is one. Owner only. The master, when it
     * spawns from outside a wait, adds a full fence between the push and the sleeper check so that a worker going to
     * sleep at that moment either sees the task or is seen; everywhere else the spawner will run its own deque
     * anyway, so a late wake costs parallelism, never progress, and the fence is saved.
     *
     * @param task the task
     * @param priority its priority, already checked
     */
    void push(final Task task, final int priority) {
        assert onOwnerThread() : "push off worker " + index + "'s thread";
        task.state = Task.READY;
        deques[priority].push(task);
        signalPushed();
    }

    /** Tells the pool and this scheduler's thieves that a task was pushed, after the fence the master may need. */
    private void signalPushed() {
        if (index == 0 && inside == 0) {
            VarHandle.fullFence();
        }
        if (pool.hasSleepers()) {
            pool.wakeOne();
        }
        scheduler.wakeThief();
    }

    /**
     * Queues a task pinned to this worker. Any thread.
     *
     * @param task the task
     * @param priority its priority, already checked
     */
    void pushAffinity(final Task task, final int priority) {
        task.state = Task.READY;
        affinity[priority].offer(task);
        worker.wake();
    }

    // ---- searching ----

    /**
     * Finds a task in the GTS search order. Owner only.
     *
     * @param topLevel true when the worker is not inside a wait (the master does not raid victims then)
     * @return a task, or null if there is none anywhere this worker may look
     */
    Task findTask(final boolean topLevel) {
        assert onOwnerThread() : "findTask off worker " + index + "'s thread";
        Task task = localTask();
        if (task != null) {
            return task;
        }
        task = nonLocalTask();
        if (task != null) {
            return task;
        }
        for (final CheckForTaskCallback callback : scheduler.callbacks()) {
            task = callback.checkForTask(context);
            if (task != null) {
                return task;
            }
        }
        if (scheduler.canStealExternalTasks() && !(topLevel && index == 0)) {
            for (final MicroScheduler victim : scheduler.externalVictims()) {
                task = victim.steals().stealFor(worker, -1);
                if (task != null) {
                    STOLEN.setOpaque(this, stolen + 1);
                    return task;
                }
            }
        }
        return null;
    }

    private Task localTask() {
        if (priorityCount > 1 && executed >= boostAt) {
            boostAt = executed + boostAgeReset;
            for (int i = 1; i < priorityCount; i++) {
                final int priority = (int) boostNext;
                boostNext = boostNext == priorityCount - 1 ? 1 : boostNext + 1;
                final Task task = deques[priority].pop();
                if (task != null) {
                    return task;
                }
            }
        }
        for (int p = 0; p < priorityCount; p++) {
            final Task task = deques[p].pop();
            if (task != null) {
                return task;
            }
        }
        return null;
    }

    private Task nonLocalTask() {
        for (int p = 0; p < priorityCount; p++) {
            final Task task = scheduler.pollShared(p);
            if (task != null) {
                return task;
            }
        }
        for (int p = 0; p < priorityCount; p++) {
            final Task task = affinity[p].poll();
            if (task != null) {
                return task;
            }
        }
        if (scheduler.canStealBackTasks()) {
            final int thief = marks.lastThief();
            if (thief >= 0 && thief != index) {
                final Task task = scheduler.local(thief).stealBy(index);
                if (task != null) {
                    STOLEN.setOpaque(this, stolen + 1);
                    return task;
                }
            }
        }
        final Task task = scheduler.steals().stealFor(worker, index);
        if (task != null) {
            STOLEN.setOpaque(this, stolen + 1);
        }
        return task;
    }

    /**
     * Lets another worker steal from this one's deques, priority 0 first. Any thread.
     *
     * @param thief the thief's index in this scheduler, or -1 for a thief from another scheduler
     * @return the stolen task, or null
     */
    Task stealBy(final int thief) {
        for (int p = 0; p < priorityCount; p++) {
            final WorkDeque deque = deques[p];
            final Task task = deque.steal();
            if (task != null) {
                task.markStolen();
                marks.stolenBy(thief);
                if (pool.hasSleepers() && !deque.isEmpty()) {
                    pool.wakeOne();
                }
                return task;
            }
        }
        marks.missed();
        return null;
    }

    /**
     * Returns a snapshot of this worker's counters. Any thread.
     *
     * @return the counters
     */
    WorkerStats stats() {
        int queued = 0;
        for (int p = 0; p < priorityCount; p++) {
            queued += deques[p].size() + affinity[p].size();
        }
        return new WorkerStats(
                context.localSchedulerId(),
                (long) EXECUTED.getOpaque(this),
                (long) STOLEN.getOpaque(this),
                queued,
                worker.sleeps());
    }

    ThiefMarks marks() {
        return marks;
    }

    /**
     * Clears the demand flag after a join took its own on-demand task back unstolen, unless a worker of the pool
     * sleeps: a sleeper is hungry but steals nothing, so only the next task pushed here, which wakes it, can serve it.
     * The clear
     * and a worker going to sleep are ordered Dekker-style: the sleeper counts itself (a full fence) and then raises
     * the flag; the owner clears it, fences, and raises it again if it sees a sleeper, so one of them always sees the
     * other. The fence is paid only when the flag was up. Owner only.
     */
    void demandAnswered() {
        assert onOwnerThread() : "demandAnswered off worker " + index + "'s thread";
        if (marks.demand()) {
            marks.answered();
            VarHandle.fullFence();
            if (pool.hasSleepers()) {
                marks.missed();
            }
        }
    }

    boolean hasDemand(final boolean clear) {
        return marks.demand(clear);
    }

    /**
     * Whether this worker's own deques or affinity queues hold a task. Any thread.
     *
     * @return true if something is queued here
     */
    boolean hasQueuedTasks() {
        for (int p = 0; p < priorityCount; p++) {
            if (!deques[p].isEmpty() || !affinity[p].isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a thief would find nothing at priority 0 here: the second question of a demand-driven fork, asked only
     * when the demand flag is up, so that one hungry thief is fed one task, not one per call until it steals. Owner
     * only.
     *
     * @return true if the priority-0 deque is empty
     */
    boolean nothingToSteal() {
        assert onOwnerThread() : "nothingToSteal off worker " + index + "'s thread";
        return deques[0].isEmpty();
    }

    /**
     * Whether the deques hold a task a thief could take. Any thread.
     *
     * @return true if some deque is not empty
     */
    boolean hasStealableTasks() {
        for (int p = 0; p < priorityCount; p++) {
            if (!deques[p].isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes every queued task for a shutdown, adding it to {@code into}. Any thread for the deques, through the
     * thread-safe steal; the affinity queues have a single consumer, so they are drained only when the caller knows
     * the owner is not consuming.
     *
     * @param into where the drained tasks go
     * @param withAffinity whether to drain the affinity queues too
     */
    void drainTo(final List<Task> into, final boolean withAffinity) {
        for (int p = 0; p < priorityCount; p++) {
            Task task;
            while ((task = deques[p].steal()) != null || !deques[p].isEmpty()) {
                if (task != null) {
                    into.add(task);
                }
            }
            while (withAffinity && (task = affinity[p].poll()) != null) {
                into.add(task);
            }
        }
    }

    // ---- executing ----

    /**
     * Runs the top level of a worker's visit to this scheduler: finds a task and runs until the scheduler has nothing
     * left for this worker or becomes inactive. Owner only.
     *
     * @return true if a task was found
     */
    boolean runTopLevel() {
        assert onOwnerThread() : "runTopLevel off worker " + index + "'s thread";
        Task task = findTask(true);
        if (task == null) {
            return false;
        }
        enter();
        try {
            while (task != null) {
                runChain(task);
                task = scheduler.isActive() && !pool.isHalted() ? findTask(true) : null;
            }
        } finally {
            exit();
        }
        return true;
    }

    void enter() {
        if (inside++ == 0) {
            scheduler.workerEntered();
        }
    }

    void exit() {
        if (--inside == 0) {
            scheduler.workerLeft();
        }
    }

    boolean isInside() {
        return inside > 0;
    }

    /**
     * Runs a task and then each task it hands on (bypass tasks and continuations made ready).
     *
     * @param first the first task
     */
    void runChain(final Task first) {
        Task task = first;
        while (task != null) {
            task = execute(task);
        }
    }

    /**
     * Takes a forked task back from the bottom of this worker's priority-0 deque, if no thief took it, and runs it:
     * no other thread can see it any more, and it has no parent, no children and no bypass, so the execute loop's
     * bookkeeping is skipped; the task still counts as executed and towards the priority boost, and a task that
     * {@link TaskContext#forkOnDemand} queued answers the demand. Owner only.
     *
     * @param task the task, pushed by this worker
     * @return true if the task was taken back and has run; false if a thief has it
     */
    boolean runIfUnstolen(final ForkTask task) {
        assert onOwnerThread() : "runIfUnstolen off worker " + index + "'s thread";
        return deques[0].popIf(task) && runPopped(task);
    }

    /** Runs a task just taken back by {@link #runIfUnstolen}; always true, so that it ends that method's condition. */
    private boolean runPopped(final ForkTask task) {
        if (task.isOnDemand()) {
            demandAnswered();
        }
        EXECUTED.setOpaque(this, executed + 1);
        task.run(context);
        return true;
    }

    /**
     * Executes one task, GTS's execute loop body.
     *
     * @param task the task
     * @return the task to run next on this worker, or null
     */
    private Task execute(final Task task) {
        Task bypass = null;
        Throwable thrown = task.failure();
        if (thrown == null) {
            task.state = Task.EXECUTING;
            try {
                bypass = task.execute(context);
            } catch (final Throwable e) {
                thrown = e;
            }
        }
        EXECUTED.setOpaque(this, executed + 1);
        if (task.state == Task.ALLOCATED && thrown == null) {
            if (task != bypass && !task.isContinuation()) {
                push(task, 0);
            }
            return bypass;
        }
        task.state = Task.FINISHED;
        final Task parent = task.parent();
        if (thrown != null) {
            bypass = null;
            if (parent != null) {
                parent.recordFailure(thrown);
            } else {
                reportUncaught(task, thrown);
            }
        }
        Task next = bypass;
        if (parent != null && parent.completeChild()) {
            final Task ready = skipEmptyJoins(parent);
            if (ready != null) {
                if (bypass == null) {
                    next = ready;
                } else {
                    push(ready, 0);
                }
            }
        }
        if (task.kindId() != 0 && task != next) {
            cache.free(task);
        }
        return next;
    }

    private void reportUncaught(final Task task, final Throwable failure) {
        try {
            pool.uncaughtTaskHandler().uncaught(scheduler, task, failure);
        } catch (final Throwable e) {
            System.getLogger(LocalScheduler.class.getPackageName())
                    .log(
                            System.Logger.Level.ERROR,
                            "the uncaught-task handler of pool '" + pool.name() + "' threw while reporting task '"
                                    + task.name() + "', which failed with " + failure,
                            e);
        }
    }

    /**
     * Completes ready {@link EmptyTask} continuations in place instead of running them: an empty join point has no
     * work of its own, so it only completes its parent in turn. A join point carrying a failure is returned, so that
     * the failure travels up the normal way.
     *
     * @param ready a task that just became ready
     * @return the first ready task that must really run, or null if the chain ended
     */
    private Task skipEmptyJoins(final Task ready) {
        Task current = ready;
        while (current.getClass() == EmptyTask.class && current.failure() == null) {
            current.state = Task.FINISHED;
            final Task parent = current.parent();
            final boolean parentReady = parent != null && parent.completeChild();
            if (current.kindId() != 0) {
                cache.free(current);
            }
            if (!parentReady) {
                return null;
            }
            current = parent;
        }
        return current;
    }

    // ---- waiting ----

    /**
     * Helps until the wait on {@code waited} is over: runs this scheduler's tasks (and its victims'), backing off
     * while there are none. Owner only.
     *
     * @param waited the task waited on
     */
    void helpUntilDone(final Task waited) {
        assert onOwnerThread() : "helpUntilDone off worker " + index + "'s thread";
        enter();
        try {
            int idle = 0;
            while (!waited.waitSatisfied()) {
                final Task task = findTask(false);
                if (task != null) {
                    runChain(task);
                    idle = 0;
                } else if (++idle < WAIT_SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * Helps until no task of this scheduler is left to find. Owner only.
     */
    void helpUntilEmpty() {
        assert onOwnerThread() : "helpUntilEmpty off worker " + index + "'s thread";
        enter();
        try {
            Task task;
            while ((task = findTask(false)) != null) {
                runChain(task);
            }
        } finally {
            exit();
        }
    }

    /**
     * Runs a task inline on this worker, as a spawn-and-wait does when the caller may run it. Owner only.
     *
     * @param task the task
     */
    void runInline(final Task task) {
        assert onOwnerThread() : "runInline off worker " + index + "'s thread";
        enter();
        try {
            task.state = Task.READY;
            runChain(task);
        } finally {
            exit();
        }
    }
}

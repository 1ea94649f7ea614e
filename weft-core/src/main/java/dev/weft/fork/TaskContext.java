package dev.weft.fork;

import dev.weft.platform.OwnedId;

/**
 * What a running task knows about where it runs, GTS's {@code TaskContext}: its scheduler and worker, and the fast
 * way to spawn, fork and wait from inside a task.
 *
 * <p>There is one context per worker and scheduler, created once; the scheduler hands it to every
 * {@link Task#execute} on that worker. Spawning through it skips the thread lookup that
 * {@link MicroScheduler#spawnTask} needs, so it is the path recursive computations should use. A context belongs to
 * its worker's thread: do not keep it or pass it to other threads.
 *
 * <p><b>Demand-driven forking.</b> {@link #fork} always makes a task, which costs a push, a pop with a fence and an
 * execution even when every other worker is busy and nobody will ever steal it. {@link #hasDemand()} and
 * {@link #forkOnDemand} are the opt-in alternative from the literature: Cilk's work-first principle, lazy task
 * creation (Mohr, Kranz and Halstead) and Lazy Binary Splitting (Tzannes et al., PPoPP 2010) make a task only when
 * another worker is hungry, and run the work inline otherwise. The signal is this worker's demand flag, GTS's
 * {@code hasDemand}: a thief that fails to steal from this worker raises it, a successful steal clears it, so asking
 * costs one plain load of a field that thieves write only when it changes (and a sleeping worker raises it, so
 * that the task made for it wakes it). A recursion that asks at every level keeps every worker fed: as soon as a
 * thief misses, the next call forks and the thief takes that piece. The piece is the one at the level where the
 * demand was noticed, often a small one near the leaves, so a thief may come back hungry sooner than from an
 * always-spawn deque, whose top holds the oldest, largest pieces. With a single worker nothing ever raises the flag,
 * and the recursion runs at nearly sequential speed.
 */
public final class TaskContext {

    /** The name reported for a computation forked on demand that ran inline, which has no task to name it. */
    static final String INLINE_TASK_NAME = "computation forked on demand";

    private final LocalScheduler local;
    private final SpawnPaths spawns;
    private final OwnedId localSchedulerId;
    private final ThiefMarks marks;

    TaskContext(final LocalScheduler local) {
        this.local = local;
        this.marks = local.marks();
        this.spawns = local.scheduler().spawnPaths();
        this.localSchedulerId = OwnedId.of(local.scheduler().id(), local.index());
    }

    /**
     * Returns the scheduler running the task.
     *
     * @return the scheduler
     */
    public MicroScheduler scheduler() {
        return local.scheduler();
    }

    /**
     * Returns the worker's id in its pool: (pool id, worker index).
     *
     * @return the worker id
     */
    public OwnedId workerId() {
        return local.worker().id();
    }

    /**
     * Returns the local scheduler's id: (scheduler id, worker index).
     *
     * @return the local scheduler id
     */
    public OwnedId localSchedulerId() {
        return localSchedulerId;
    }

    /**
     * Returns the worker's index in its pool, 0 for the master.
     *
     * @return the index
     */
    public int workerIndex() {
        return local.index();
    }

    /**
     * Spawns a task at priority 0 onto this worker's deque (or its affinity worker's queue).
     *
     * @param task the task, not yet spawned
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    public void spawn(final Task task) {
        spawns.spawnFrom(local, task, 0);
    }

    /**
     * Spawns a task at a priority onto this worker's deque (or its affinity worker's queue).
     *
     * @param task the task, not yet spawned
     * @param priority its priority, in {@code [0, priorityCount)}
     * @throws IllegalArgumentException if the priority is out of range
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    public void spawn(final Task task, final int priority) {
        spawns.spawnFrom(local, task, priority);
    }

    /**
     * Waits, helping, until {@code task}'s children have finished (see {@link MicroScheduler#waitFor}).
     *
     * @param task a task holding a reference for the wait
     * @throws TaskFailedException if a child passed a failure up
     */
    public void waitFor(final Task task) {
        local.helpUntilDone(task);
        task.endWait();
        final Throwable failure = task.failure();
        if (failure != null) {
            throw new TaskFailedException(task, failure);
        }
    }

    /**
     * Forks a computation onto this worker's deque; {@link Forked#join} returns its value.
     *
     * @param function the computation
     * @param <T> the result type
     * @return the forked computation
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    public <T> Forked<T> fork(final ForkFunction<T> function) {
        final ObjectForkTask<T> task = new ObjectForkTask<>(function);
        spawns.spawnForked(local, task);
        return task;
    }

    /**
     * {@link #fork(ForkFunction)} for a computation from a {@code long} to a {@code long}: the argument is passed
     * beside the function, so the function can be a static method reference or a lambda that captures nothing (one
     * shared object), and the value is never boxed. The fork makes one 40-byte task that holds the function and the
     * argument, and then the value in the argument's place, where {@link #fork(ForkFunction)} with a lambda capturing
     * the argument makes a 32-byte task and a 16-byte lambda.
     *
     * <pre>{@code
     * static long fib(TaskContext context, long n) throws Exception {
     *     if (n < 2) {
     *         return n;
     *     }
     *     ForkedLong left = context.fork(Fib::fib, n - 1);
     *     long right = fib(context, n - 2);
     *     return left.join(context) + right;
     * }
     * }</pre>
     *
     * @param function the computation
     * @param argument its argument
     * @return the forked computation
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    public ForkedLong fork(final LongForkFunction function, final long argument) {
        final LongForkTask task = new LongForkTask(function, argument);
        spawns.spawnForked(local, task);
        return task;
    }

    /**
     * Whether another worker is hungry for work from this one and finds none here: a thief failed to steal from this
     * worker (or a worker went to sleep) since the last successful steal or the last join that took its task back
     * unstolen, and this worker's priority-0 deque is empty. A recursive task that asks at every level and forks
     * only when the answer is true gets demand-driven (lazy) task creation, with at most one task waiting for a
     * thief; see the class comment. One plain load when no worker is hungry; the deque is looked at only when one
     * is.
     *
     * @return true if splitting the work now would feed an idle worker
     */
    public boolean hasDemand() {
        return marks.demand() && local.nothingToSteal();
    }

    /**
     * Forks a computation only if another worker is hungry and this worker's deque holds nothing it could steal instead
     * ({@link #hasDemand()}), and otherwise runs it here and now: the demand-driven form of {@link #fork}. The second
     * condition feeds one hungry thief one task, rather than one per call until it has stolen. Either way the result
     * is a {@link Forked} whose {@link Forked#join} returns the value or throws exactly what a forked computation would
     * have thrown (a {@link TaskFailedException} with the original throwable as its cause), so code written for
     * {@code fork} works unchanged; only the order of side effects differs, as it may between forked tasks anyway. A
     * join that takes back its task unstolen clears this worker's demand flag, so a demand that no thief comes to
     * serve stops making tasks.
     *
     * <p>When no worker is hungry the cost is one plain load and the call: no task is made, and the {@code Forked}
     * handle is removed by escape analysis when the fork and its join are compiled together. What is left is the
     * caller's: a lambda that captures variables is an object, and so is a boxed value outside the {@code Long} cache.
     * {@link #forkOnDemand(LongForkFunction, long)} avoids both.
     *
     * @param function the computation
     * @param <T> the result type
     * @return the forked computation, already done if it ran inline
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    public <T> Forked<T> forkOnDemand(final ForkFunction<T> function) {
        ObjectForkTask<T> task = null;
        T value = null;
        Throwable thrown = null;
        if (hasDemand()) {
            task = new ObjectForkTask<>(function);
            task.markOnDemand();
            spawns.spawnForked(local, task);
        } else {
            checkRunning();
            try {
                value = function.apply(this);
            } catch (final Throwable e) {
                thrown = e;
            }
        }
        return new DemandForked<>(task, value, thrown);
    }

    /**
     * {@link #forkOnDemand(ForkFunction)} for a computation from a {@code long} to a {@code long}, the form whose
     * inline path allocates nothing. The argument is passed beside the function, so the function can be a static
     * method reference or a lambda that captures nothing (one shared object), and the value is never boxed: when no
     * worker is hungry the call is a plain load and a direct call, and the {@link ForkedLong} handle is removed by
     * escape analysis when the fork and its join are compiled together. When a worker is hungry it makes one task
     * that holds the function and the argument.
     *
     * <pre>{@code
     * static long fib(TaskContext context, long n) throws Exception {
     *     if (n < 2) {
     *         return n;
     *     }
     *     ForkedLong left = context.forkOnDemand(Fib::fib, n - 1);
     *     long right = fib(context, n - 2);
     *     return left.join(context) + right;
     * }
     * }</pre>
     *
     * @param function the computation
     * @param argument its argument
     * @return the forked computation, already done if it ran inline
     * @throws java.util.concurrent.RejectedExecutionException if the scheduler is shut down
     */
    public ForkedLong forkOnDemand(final LongForkFunction function, final long argument) {
        LongForkTask task = null;
        long value = 0;
        Throwable thrown = null;
        if (hasDemand()) {
            task = new LongForkTask(function, argument);
            task.markOnDemand();
            spawns.spawnForked(local, task);
        } else {
            checkRunning();
            try {
                value = function.apply(this, argument);
            } catch (final Throwable e) {
                thrown = e;
            }
        }
        return new DemandForkedLong(task, value, thrown);
    }

    private void checkRunning() {
        if (!local.scheduler().isRunning()) {
            spawns.checkAccepting(INLINE_TASK_NAME);
        }
    }

    /**
     * Allocates a task of a kind from this worker's task cache: a finished task of that kind if one is free, a fresh
     * one otherwise (see {@link TaskKind}). The task's scheduling state is fresh (count 1, no parent, no affinity, no
     * name), but its own fields may hold an earlier use's values: set them all.
     *
     * @param kind the kind of task
     * @param <T> the task class
     * @return the task, to be spawned by this worker's scheduler
     */
    public <T extends Task> T allocateTask(final TaskKind<T> kind) {
        return local.worker().cache().allocate(kind);
    }

    /**
     * Returns this worker's user data, GTS's {@code TaskContext::pUserData}, as the pool description set it.
     *
     * @param type the class the caller expects
     * @param <T> the expected type
     * @return the object, or null if this worker has none
     * @throws IllegalArgumentException if the object is not a {@code type}
     */
    public <T> T userData(final Class<T> type) {
        return WorkerPool.castUserData(local.worker(), type);
    }

    LocalScheduler local() {
        return local;
    }
}

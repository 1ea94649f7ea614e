package dev.weft.fork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The unit of work of a {@link MicroScheduler}: GTS's {@code Task}, with its reference-counted parents,
 * continuations, bypass and recycling.
 *
 * <p><b>Implementation overview.</b> A task holds a reference count that starts at 1 (the task itself). A parent
 * counts its children: {@link #addChildTaskWithRef} adds one, {@link #addChildTaskWithoutRef} trusts the caller to
 * have counted it with {@link #setRef} or {@link #addRef}. When a child finishes, the worker that ran it completes
 * the child on the parent, GTS's {@code _handleContinuation}:
 * <ul>
 *   <li>if the parent's count is 2 (itself and this child), it is set to 1 without an atomic operation, since no
 *       one else can touch it, and the parent is ready: it runs next on the same worker (or, when the child returned
 *       a bypass task, it is pushed onto the worker's deque);</li>
 *   <li>otherwise the count is decremented atomically, and the parent is ready only if it fell to 1.</li>
 * </ul>
 * A parent that waits for its children holds one more reference for the wait: the wait ends when the count reaches
 * 2, and the waiter sets it back to 1. This is how a task that has already run ({@link TaskContext#waitFor}) and a
 * task that has not yet run (a <em>continuation</em>, {@link #setContinuationTask}) are both served by one counter.
 *
 * <p>{@link #execute} returns the <em>bypass</em> task: it runs next on the same worker without touching any queue.
 * A task that calls {@link #recycle()} during {@code execute} is not finished: it is spawned again (unless it is its
 * own bypass task or a continuation), which is how a long chain of similar work reuses one object.
 *
 * <p><b>Failures.</b> A task whose {@code execute} throws never kills its worker. The throwable is recorded on the
 * parent (the first one wins), the parent is still completed as if the child had finished, and a parent that
 * becomes ready with a recorded failure does not run: it passes the failure up in turn. Whoever waits on a task in
 * the chain receives it as a {@link TaskFailedException}; a failure that reaches a task with no parent goes to the
 * pool's uncaught-task handler.
 *
 * <p><b>Reuse.</b> A task allocated through a {@link TaskKind} ({@link TaskContext#allocateTask}) remembers its kind
 * and the worker that allocated it; when it finishes on that worker with nothing else holding a reference, the
 * worker's {@link TaskCache} takes it back, resets its scheduling state, and hands it out again. Such a task must not
 * be used after it finished, exactly as GTS frees a task's memory when it finishes.
 *
 * <p><b>Layout.</b> Fork/join programs allocate millions of tasks, so a task's own fields take 16 bytes: the
 * reference count, the parent, one reference to a side record ({@link TaskAux}) that holds what few tasks need (a
 * failure, a waiting thread, a name, the kind and worker of a task that returns to a cache) and is allocated only
 * when one of them is set, the affinity as an unsigned 16-bit number (a local id), the state, and one byte of flags
 * (continuation, stolen, made on demand). With HotSpot's 12-byte header that is 28 bytes, so a subclass's first
 * reference or {@code int} fits in the same 32: a forked task is 32 bytes with its function, as ForkJoinPool's
 * {@code RecursiveTask} is with its result. The fields other threads read (count, side record) are accessed through
 * {@link VarHandle}s; the rest is written before the task is published to a queue, whose release and acquire order
 * it. A task that never counts children, the fork/join layer's {@link ForkTask}, keeps its status in the count word,
 * which it has no children to count with.
 */
public abstract class Task {

    static final byte ALLOCATED = 0;
    static final byte READY = 1;
    static final byte EXECUTING = 2;
    static final byte FINISHED = 3;

    private static final byte CONTINUATION = 1;
    private static final byte STOLEN = 2;
    private static final byte ON_DEMAND = 4;

    private static final VarHandle REF_COUNT;
    private static final VarHandle AUX;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            REF_COUNT = lookup.findVarHandle(Task.class, "refCount", int.class);
            AUX = lookup.findVarHandle(Task.class, "aux", TaskAux.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int refCount;
    private volatile TaskAux aux;
    private Task parent;
    private char affinityPlusOne;
    byte state;
    private byte flags;

    /**
     * Creates a task with a reference count of 1, no parent and no affinity. The count is written with plain order:
     * a task reaches other threads only through a queue, whose release publishes it.
     */
    @SuppressWarnings("this-escape") // the count is a field of this task, set before anyone can see it
    protected Task() {
        REF_COUNT.set(this, 1);
    }

    /**
     * Does the task's work. Runs on a worker of the scheduler the task was spawned into.
     *
     * @param context the worker running the task; spawn children through it
     * @return the bypass task, which runs next on this worker without being queued, or null
     * @throws Exception if the work fails; the failure reaches whoever waits on this task
     */
    protected abstract Task execute(TaskContext context) throws Exception;

    /**
     * Makes {@code child} a child of this task and counts it, so this task (as a continuation or a waiter) is not
     * ready until the child has finished.
     *
     * @param child the child, not yet spawned and without a parent
     * @throws IllegalArgumentException if the child already has a parent or is this task
     */
    public final void addChildTaskWithRef(final Task child) {
        linkChild(child);
        REF_COUNT.getAndAdd(this, 1);
    }

    /**
     * Makes {@code child} a child of this task without counting it; the caller has already counted it through
     * {@link #setRef} or {@link #addRef}, which saves an atomic operation per child.
     *
     * @param child the child, not yet spawned and without a parent
     * @throws IllegalArgumentException if the child already has a parent or is this task
     */
    public final void addChildTaskWithoutRef(final Task child) {
        linkChild(child);
    }

    private void linkChild(final Task child) {
        if (child == null) {
            throw new IllegalArgumentException("child task is null");
        }
        if (child == this) {
            throw new IllegalArgumentException("task " + this + " cannot be its own child");
        }
        if (child.parent != null) {
            throw new IllegalArgumentException("task " + child + " already has the parent " + child.parent);
        }
        child.parent = this;
    }

    /**
     * Hands this task's parent to {@code continuationTask}, which will run once its own children have finished and
     * will then complete that parent in this task's place. Call it from {@link #execute}, before spawning the
     * continuation's children.
     *
     * @param continuationTask the continuation, without a parent
     * @throws IllegalArgumentException if the continuation already has a parent or is this task
     */
    public final void setContinuationTask(final Task continuationTask) {
        if (continuationTask == null || continuationTask == this) {
            throw new IllegalArgumentException("a task's continuation must be another, non-null task");
        }
        if (continuationTask.parent != null) {
            throw new IllegalArgumentException(
                    "continuation " + continuationTask + " already has the parent " + continuationTask.parent);
        }
        continuationTask.parent = parent;
        continuationTask.flags |= CONTINUATION;
        parent = null;
    }

    /**
     * Asks that this task be kept and spawned again when its {@link #execute} returns, instead of finishing. Call
     * it from {@code execute}. A recycled task returned as its own bypass task runs again at once.
     */
    public final void recycle() {
        state = ALLOCATED;
    }

    /**
     * Adds to the reference count.
     *
     * @param count the number of references to add
     * @return the new count
     */
    public final int addRef(final int count) {
        return (int) REF_COUNT.getAndAdd(this, count) + count;
    }

    /**
     * Removes from the reference count.
     *
     * @param count the number of references to remove
     * @return the new count
     */
    public final int removeRef(final int count) {
        return (int) REF_COUNT.getAndAdd(this, -count) - count;
    }

    /**
     * Sets the reference count: 1 for the task, plus one per child, plus one if something will wait on it.
     *
     * @param count the new count, at least 1
     * @throws IllegalArgumentException if the count is below 1
     */
    public final void setRef(final int count) {
        if (count < 1) {
            throw new IllegalArgumentException("reference count " + count + " of " + this + " is below 1");
        }
        REF_COUNT.setRelease(this, count);
    }

    /**
     * Returns the reference count.
     *
     * @return the current count
     */
    public final int refCount() {
        return refCount;
    }

    /**
     * Pins this task to one worker: it is queued on that worker's affinity queue and runs there.
     *
     * @param workerIndex the worker's local id in its pool, or -1 for any worker
     * @throws IllegalArgumentException if the index is below -1
     */
    public final void setAffinity(final int workerIndex) {
        if (workerIndex < -1 || workerIndex > 0xFFFE) {
            throw new IllegalArgumentException(
                    "worker affinity " + workerIndex + " is outside [-1 (any worker), 65534]");
        }
        affinityPlusOne = (char) (workerIndex + 1);
    }

    /**
     * Returns the worker this task is pinned to.
     *
     * @return the worker's local id, or -1 for any worker
     */
    public final int affinity() {
        return affinityPlusOne - 1;
    }

    /**
     * Returns the parent, the task this one completes when it finishes.
     *
     * @return the parent, or null
     */
    public final Task parent() {
        return parent;
    }

    /**
     * Whether a thief took this task from the deque it was pushed to.
     *
     * @return true if the task was stolen
     */
    public final boolean isStolen() {
        return (flags & STOLEN) != 0;
    }

    /**
     * Whether this task was made a continuation with {@link #setContinuationTask}.
     *
     * @return true for a continuation
     */
    public final boolean isContinuation() {
        return (flags & CONTINUATION) != 0;
    }

    /**
     * Names the task for failure reports.
     *
     * @param taskName the name, or null for the class name
     */
    public final void setName(final String taskName) {
        ensureAux().name = taskName;
    }

    /**
     * Returns the task's name, or its class name if it has none.
     *
     * @return a name for reports
     */
    public final String name() {
        final TaskAux side = aux;
        return side != null && side.name != null ? side.name : getClass().getName();
    }

    /**
     * Returns the failure a child (or this task, if it ran) passed up, if any.
     *
     * @return the first recorded failure, or null
     */
    public final Throwable failure() {
        final TaskAux side = aux;
        return side == null ? null : side.failure();
    }

    /**
     * Returns the task's name.
     *
     * @return the name
     */
    @Override
    public String toString() {
        return name();
    }

    // ---- scheduler internals ----

    final void bindKind(final int kind, final int ownerIndex) {
        ensureAux().bindKind(kind, ownerIndex);
    }

    /**
     * Returns the id of the kind this task was allocated through for a worker's cache.
     *
     * @return the kind's id, or 0 for a task no cache takes back
     */
    final int kindId() {
        final TaskAux side = aux;
        return side == null ? 0 : side.kindId();
    }

    /**
     * Returns the worker whose cache takes this task back.
     *
     * @return the worker's local id, or -1 for a task no cache takes back
     */
    final int ownerIndex() {
        final TaskAux side = aux;
        return side == null ? -1 : side.ownerIndex();
    }

    /**
     * Gives a finished task back the scheduling state of a fresh one, for its cache, keeping only its kind and owner;
     * the owning worker's thread only, which is also the thread that hands it out again, so plain writes suffice.
     */
    final void resetForReuse() {
        REF_COUNT.set(this, 1);
        final TaskAux side = aux;
        if (side != null) {
            side.clearForReuse();
        }
        parent = null;
        affinityPlusOne = 0;
        state = ALLOCATED;
        flags = 0;
    }

    /**
     * Reads the count word as a status, for a task that counts no children ({@link ForkTask}): one volatile read.
     *
     * @return the word
     */
    final int status() {
        return refCount;
    }

    /**
     * Writes the count word as a status, with release order, so a reader of {@link #status} sees what was written
     * before; for a task that counts no children ({@link ForkTask}).
     *
     * @param status the new word
     */
    final void setStatus(final int status) {
        REF_COUNT.setRelease(this, status);
    }

    final void markStolen() {
        flags |= STOLEN;
    }

    /** Marks a task that {@link TaskContext#forkOnDemand} made; before the task is published. */
    final void markOnDemand() {
        flags |= ON_DEMAND;
    }

    final boolean isOnDemand() {
        return (flags & ON_DEMAND) != 0;
    }

    final void setParentForWait(final Task waiter) {
        if (parent != null) {
            throw new IllegalArgumentException("task " + this + " already has the parent " + parent
                    + "; a task that is waited for directly must have none");
        }
        parent = waiter;
    }

    final boolean recordFailure(final Throwable thrown) {
        return ensureAux().recordFailure(thrown);
    }

    private TaskAux ensureAux() {
        final TaskAux side = aux;
        if (side != null) {
            return side;
        }
        final TaskAux fresh = new TaskAux();
        return AUX.compareAndSet(this, (TaskAux) null, fresh) ? fresh : aux;
    }

    /**
     * Completes one child on this task (the parent).
     *
     * @return true if this task became ready to run, as a continuation
     */
    final boolean completeChild() {
        if (refCount == 2) {
            REF_COUNT.setRelease(this, 1);
            return true;
        }
        final int now = (int) REF_COUNT.getAndAdd(this, -1) - 1;
        if (now == 2) {
            unparkWaitingThread();
        }
        return now <= 1;
    }

    /**
     * Whether a wait on this task is over: only the task's own reference and the wait's are left.
     *
     * @return true when the waiter may go on
     */
    boolean waitSatisfied() {
        return refCount <= 2;
    }

    final void endWait() {
        REF_COUNT.setRelease(this, 1);
    }

    final void setWaitingThread(final Thread thread) {
        ensureAux().waitingThread = thread;
    }

    final void unparkWaitingThread() {
        final TaskAux side = aux;
        if (side != null) {
            final Thread waiter = side.waitingThread;
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
        }
    }
}

package dev.weft.fork;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A Chase-Lev work-stealing deque of tasks: its owner pushes and pops at the bottom (LIFO, for locality), thieves
 * take from the top (FIFO, the oldest and usually largest pieces of work).
 *
 * <p><b>Implementation overview.</b> The deque is a power-of-two ring of slots indexed by two ever-increasing
 * counters, {@code top} (the next slot a thief takes) and {@code bottom} (the next slot the owner fills). The owner
 * is the only writer of {@code bottom} and of the ring; thieves advance {@code top} by compare-and-set. A push writes
 * the slot and then publishes {@code bottom} with release order, so a thief that reads {@code bottom} with acquire
 * order sees the task and everything written before it was pushed. A pop first lowers {@code bottom} with a full
 * fence and only then reads {@code top}: if the two have not met, the slot is the owner's without further
 * synchronisation; if exactly one task is left, owner and thieves race for it with a compare-and-set on
 * {@code top}, as in Chase and Lev's paper (SPAA 2005) and its C11 treatment by Lê et al. (PPoPP 2013). The fence
 * cannot be weakened to an opaque or acquire read of {@code top}: without it, the owner's lowered {@code bottom} may
 * still sit in its store buffer while thieves that read the old {@code bottom} take up to the slot the owner is
 * popping, and two workers would run one task. It is the one full fence per pop; the owner's other accesses are
 * opaque. When the ring is full the owner copies the live range into a ring twice as large and publishes it with
 * release order; thieves that still read the old ring find the same tasks there, and their compare-and-set on
 * {@code top} decides who owns each one. The counters sit on their own cache lines, so thieves hammering
 * {@code top} do not slow the owner, and a push reads {@code top} only when its cached, possibly stale copy says the
 * ring may be full: {@code top} only grows, so the stale copy overestimates the size and the check stays safe.
 */
final class WorkDeque {

    private static final int INITIAL_CAPACITY = 1 << 8;
    private static final VarHandle TOP;
    private static final VarHandle BOTTOM;
    private static final VarHandle ARRAY;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Task[].class);

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            TOP = lookup.findVarHandle(WorkDeque.class, "top", long.class);
            BOTTOM = lookup.findVarHandle(WorkDeque.class, "bottom", long.class);
            ARRAY = lookup.findVarHandle(WorkDeque.class, "array", Task[].class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07;

    @SuppressWarnings("UnusedVariable") // accessed through TOP
    private volatile long top;

    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17;

    @SuppressWarnings("UnusedVariable") // accessed through BOTTOM
    private volatile long bottom;

    @SuppressWarnings("unused")
    private long p20, p21, p22, p23, p24, p25, p26, p27;

    @SuppressWarnings("UnusedVariable") // accessed through ARRAY
    private volatile Task[] array;

    private long topCache;
    private Thread owner;

    /** Creates an empty deque with room for 255 tasks before it first grows. */
    WorkDeque() {
        this(INITIAL_CAPACITY);
    }

    /**
     * Creates an empty deque with a ring of {@code capacity} slots; a small ring lets tests make it grow.
     *
     * @param capacity the ring's size, a power of two of at least 2
     * @throws IllegalArgumentException if the capacity is not such a power of two
     */
    WorkDeque(final int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("deque capacity " + capacity + " is not a power of two >= 2");
        }
        array = new Task[capacity];
    }

    /**
     * Pushes a task at the bottom. Owner only.
     *
     * @param task the task
     */
    void push(final Task task) {
        assert isOwner() : "push off the deque's owning thread";
        final long b = (long) BOTTOM.getOpaque(this);
        Task[] a = (Task[]) ARRAY.getOpaque(this);
        if (b - topCache >= a.length - 1) {
            final long t = (long) TOP.getAcquire(this);
            topCache = t;
            if (b - t >= a.length - 1) {
                a = grow(a, t, b);
            }
        }
        SLOT.setRelease(a, (int) b & (a.length - 1), task);
        BOTTOM.setRelease(this, b + 1);
    }

    private Task[] grow(final Task[] old, final long t, final long b) {
        final Task[] bigger = new Task[old.length << 1];
        for (long i = t; i < b; i++) {
            bigger[(int) i & (bigger.length - 1)] = old[(int) i & (old.length - 1)];
        }
        ARRAY.setRelease(this, bigger);
        return bigger;
    }

    /**
     * Pops the most recently pushed task. Owner only.
     *
     * @return the task, or null if the deque is empty (or a thief took the last one)
     */
    Task pop() {
        assert isOwner() : "pop off the deque's owning thread";
        final long b = (long) BOTTOM.getOpaque(this) - 1;
        final Task[] a = (Task[]) ARRAY.getOpaque(this);
        BOTTOM.setOpaque(this, b);
        VarHandle.fullFence();
        final long t = (long) TOP.getOpaque(this);
        if (t > b) {
            BOTTOM.setOpaque(this, b + 1);
            return null;
        }
        final int slot = (int) b & (a.length - 1);
        final Task task = (Task) SLOT.getOpaque(a, slot);
        if (t == b) {
            final boolean won = TOP.compareAndSet(this, t, t + 1);
            BOTTOM.setOpaque(this, b + 1);
            if (!won) {
                return null;
            }
        }
        SLOT.setOpaque(a, slot, null);
        return task;
    }

    /**
     * Pops the bottom task only if it is {@code expected}: the way a join runs a task it forked itself, if no thief
     * took it, without a search. Owner only.
     *
     * @param expected the task the caller pushed last
     * @return true if the task was removed and now belongs to the caller
     */
    boolean popIf(final Task expected) {
        assert isOwner() : "popIf off the deque's owning thread";
        final long b = (long) BOTTOM.getOpaque(this) - 1;
        final Task[] a = (Task[]) ARRAY.getOpaque(this);
        final int slot = (int) b & (a.length - 1);
        if (SLOT.getOpaque(a, slot) != expected) {
            return false;
        }
        BOTTOM.setOpaque(this, b);
        VarHandle.fullFence();
        final long t = (long) TOP.getOpaque(this);
        if (t > b) {
            BOTTOM.setOpaque(this, b + 1);
            return false;
        }
        if (t == b) {
            final boolean won = TOP.compareAndSet(this, t, t + 1);
            BOTTOM.setOpaque(this, b + 1);
            if (!won) {
                return false;
            }
        }
        SLOT.setOpaque(a, slot, null);
        return true;
    }

    /**
     * Whether the caller owns the deque, for the owner-only methods' assertions: the first thread that pushes or pops
     * becomes the owner (a deque is created before its worker's thread runs).
     *
     * @return true if the caller is the owner
     */
    private boolean isOwner() {
        final Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        }
        return owner == current;
    }

    /**
     * Takes the oldest task. Any thread.
     *
     * @return the task, or null if the deque looked empty or another thread won the race for the task
     */
    Task steal() {
        final long t = (long) TOP.getAcquire(this);
        VarHandle.loadLoadFence();
        final long b = (long) BOTTOM.getAcquire(this);
        if (t >= b) {
            return null;
        }
        final Task[] a = (Task[]) ARRAY.getAcquire(this);
        final Task task = (Task) SLOT.getAcquire(a, (int) t & (a.length - 1));
        if (task == null || !TOP.compareAndSet(this, t, t + 1)) {
            return null;
        }
        return task;
    }

    /**
     * Whether the deque looks empty; exact only for the owner.
     *
     * @return true if no task is visible
     */
    boolean isEmpty() {
        return (long) BOTTOM.getAcquire(this) <= (long) TOP.getAcquire(this);
    }

    /**
     * Returns how many tasks the deque holds; a snapshot for other threads.
     *
     * @return the number of tasks, at least 0
     */
    int size() {
        return (int) Math.max(0, (long) BOTTOM.getAcquire(this) - (long) TOP.getAcquire(this));
    }
}

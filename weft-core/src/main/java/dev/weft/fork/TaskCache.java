package dev.weft.fork;

import dev.weft.platform.OwnedId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One worker's cache of finished tasks for reuse, GTS's per-worker task free list.
 *
 * <p><b>Implementation overview.</b> The cache keeps one bounded stack of free tasks per {@link TaskKind}, indexed by
 * the kind's id. Only the owning worker's thread touches it: it allocates here ({@link #allocate}) and frees here
 * ({@link #free}), so neither needs an atomic operation or a fence. A kind's stack is made at its first allocation on
 * this worker, which also pre-allocates {@code initialTaskCountPerWorker} tasks of that kind on this worker's thread
 * (GTS pre-allocates untyped blocks at start-up; weft's free lists are typed, so it does so at a kind's first use).
 *
 * <p><b>Which tasks come back.</b> The worker that finishes a task frees it into its own cache only if all of these
 * hold: the task came from a cache (it has a kind), the kind is cachable on this pool, this worker allocated it (the
 * task remembers its allocator's local id), the task finished normally (not recycled, not cancelled, not its own
 * bypass task), and its reference count is back to 1, so nothing else holds a reference for a wait or an explicit
 * {@link Task#addRef}. A task finished on another worker (a stolen one) is <em>dropped</em>, left to the garbage
 * collector, rather than sent back to its allocator: returning it would need GTS's lock-free deferred free list, one
 * compare-and-set per stolen task and an exchange per drain, to recover objects that the garbage collector reclaims
 * cheaply anyway; steals are rare next to executions in divide-and-conquer work, so the cache still serves nearly
 * every allocation, and each stack stays single-writer. A full stack drops the task as well, which bounds a cache at
 * {@code taskCacheCapacity} tasks per kind.
 *
 * <p>The counters are written with opaque order so that {@link WorkerPool#taskCacheStats()} can read them from
 * other threads.
 */
final class TaskCache {

    private static final int FIRST_STACK = 16;
    private static final Task[][] NO_STACKS = new Task[0][];
    private static final VarHandle CREATED;
    private static final VarHandle REUSED;
    private static final VarHandle FREED;
    private static final VarHandle DROPPED;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            CREATED = lookup.findVarHandle(TaskCache.class, "created", long.class);
            REUSED = lookup.findVarHandle(TaskCache.class, "reused", long.class);
            FREED = lookup.findVarHandle(TaskCache.class, "freed", long.class);
            DROPPED = lookup.findVarHandle(TaskCache.class, "dropped", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int index;
    private final int cachableSize;
    private final int initialCount;
    private final int capacity;
    private Task[][] stacks = NO_STACKS;
    private int[] counts = new int[0];
    private long created;
    private long reused;
    private long freed;
    private long dropped;

    TaskCache(final int index, final int cachableSize, final int initialCount, final int capacity) {
        this.index = index;
        this.cachableSize = cachableSize;
        this.initialCount = Math.min(initialCount, capacity);
        this.capacity = capacity;
    }

    /**
     * Whether tasks of this kind are cached on this pool.
     *
     * @param kind the kind
     * @return true if its estimated size fits the pool's {@code cachableTaskSize}
     */
    boolean caches(final TaskKind<?> kind) {
        return kind.estimatedSize() <= cachableSize;
    }

    /**
     * Returns a free task of {@code kind}, or a fresh one. Owner only.
     *
     * @param kind the kind
     * @param <T> the task class
     * @return a task with a fresh scheduling state; its own fields may hold an earlier use's values
     */
    @SuppressWarnings("unchecked")
    <T extends Task> T allocate(final TaskKind<T> kind) {
        if (!caches(kind)) {
            return kind.create(-1);
        }
        final int k = kind.id();
        if (k >= counts.length || stacks[k] == null) {
            prepare(kind);
        }
        final int count = counts[k];
        if (count > 0) {
            final Task[] stack = stacks[k];
            final Task task = stack[count - 1];
            stack[count - 1] = null;
            counts[k] = count - 1;
            REUSED.setOpaque(this, reused + 1);
            return (T) task;
        }
        CREATED.setOpaque(this, created + 1);
        return kind.create(index);
    }

    private void prepare(final TaskKind<?> kind) {
        final int k = kind.id();
        if (k >= counts.length) {
            final int size = Math.max(k + 1, counts.length * 2);
            stacks = Arrays.copyOf(stacks, size);
            counts = Arrays.copyOf(counts, size);
        }
        final Task[] stack = new Task[Math.min(capacity, Math.max(FIRST_STACK, initialCount))];
        for (int i = 0; i < initialCount; i++) {
            stack[i] = kind.create(index);
        }
        stacks[k] = stack;
        counts[k] = initialCount;
        CREATED.setOpaque(this, created + initialCount);
    }

    /**
     * Takes back a task this worker finished, if it may be reused (see the class comment), or drops it. Owner only.
     *
     * @param task a finished task with a kind
     */
    void free(final Task task) {
        final int k = task.kindId();
        if (task.ownerIndex() != index || task.refCount() != 1 || k >= counts.length || stacks[k] == null) {
            DROPPED.setOpaque(this, dropped + 1);
            return;
        }
        int count = counts[k];
        Task[] stack = stacks[k];
        if (count == stack.length) {
            if (count >= capacity) {
                DROPPED.setOpaque(this, dropped + 1);
                return;
            }
            stack = Arrays.copyOf(stack, Math.min(capacity, count * 2));
            stacks[k] = stack;
        }
        task.resetForReuse();
        stack[count] = task;
        counts[k] = count + 1;
        FREED.setOpaque(this, freed + 1);
    }

    /**
     * Returns a snapshot of the counters. Any thread.
     *
     * @param worker the owning worker's id
     * @return the counters
     */
    TaskCacheStats stats(final OwnedId worker) {
        return new TaskCacheStats(
                worker,
                (long) CREATED.getOpaque(this),
                (long) REUSED.getOpaque(this),
                (long) FREED.getOpaque(this),
                (long) DROPPED.getOpaque(this));
    }
}

package dev.weft.fork;

import dev.weft.platform.ThreadConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * How to build a {@link WorkerPool}, GTS's {@code WorkerPoolConfig}: one {@link ThreadConfig} per worker (name,
 * affinity, OS priority as a nice value, stack size) and one user data object per worker (GTS's
 * {@code WorkerThreadDesc::pUserData}), a visitor, a name, the handler for failures nobody waits on, and the task
 * cache settings.
 *
 * <p>The task cache (see {@link TaskKind}) follows GTS: tasks of at most {@code cachableTaskSize} bytes are cached,
 * 0 turns the cache off, and {@code initialTaskCountPerWorker} tasks of a kind are pre-allocated on each worker.
 * GTS's free lists only grow; weft bounds each worker's list of one kind at {@code taskCacheCapacity} tasks, so a
 * burst of tasks does not stay reachable forever.
 *
 * <p><b>The cache is off by default</b> ({@link #DEFAULT_CACHABLE_TASK_SIZE} is 0), unlike GTS, whose default is
 * {@link #GTS_CACHABLE_TASK_SIZE}: on HotSpot a free list cannot beat the allocator for small tasks, which die young
 * in a TLAB. Turn it on for tasks that are expensive to construct.
 *
 * <p>The index of a spec in {@link #workerSpecs()} is the worker's local id. Element 0 stands for the master, the
 * thread that initialises the pool, which the pool does not own: its spec only keeps the indices one-to-one with the
 * ids and is never applied (apply it yourself with {@link ThreadConfig#applyToCurrentThread()} if you want the master
 * placed).
 *
 * @param name the pool's name, used in thread names and reports
 * @param workerSpecs one spec per worker, element 0 for the master; at least one element
 * @param visitor the thread start and exit hooks
 * @param uncaughtTaskHandler receives failures of tasks nobody waits on
 * @param cachableTaskSize the largest task, in bytes as {@link TaskKind#estimatedSize()} estimates it, that the
 *     per-worker task cache keeps; 0 turns the cache off
 * @param initialTaskCountPerWorker how many tasks of a kind each worker pre-allocates at the kind's first use there
 * @param taskCacheCapacity how many free tasks of one kind one worker keeps at most
 * @param workerUserData one user object (or null) per worker, element 0 for the master; read it with
 *     {@link TaskContext#userData} or {@link WorkerPool#userData}
 */
public record WorkerPoolConfig(
        String name,
        List<ThreadConfig> workerSpecs,
        WorkerPoolVisitor visitor,
        UncaughtTaskHandler uncaughtTaskHandler,
        int cachableTaskSize,
        int initialTaskCountPerWorker,
        int taskCacheCapacity,
        List<Object> workerUserData) {

    /** GTS's default {@code cachableTaskSize} on x86: two 256-byte no-sharing cache lines. */
    public static final int GTS_CACHABLE_TASK_SIZE = 512;

    /** weft's default {@code cachableTaskSize}: 0, the cache off (see the class comment for why). */
    public static final int DEFAULT_CACHABLE_TASK_SIZE = 0;

    /** The default bound of one worker's free list of one task kind. */
    public static final int DEFAULT_TASK_CACHE_CAPACITY = 1024;

    /**
     * Checks and copies the description.
     *
     * @throws IllegalArgumentException if the name is blank, there are no worker specs, a cache setting is negative,
     *     the pre-allocation exceeds the capacity, or the user data list does not have one element per worker
     * @throws NullPointerException if a spec, the visitor, the handler or the user data list is null
     */
    public WorkerPoolConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a worker pool's name must not be blank");
        }
        if (workerSpecs == null || workerSpecs.isEmpty()) {
            throw new IllegalArgumentException(
                    "worker pool '" + name + "' needs at least one worker spec (element 0 is the master)");
        }
        if (workerSpecs.size() > 0xFFFF) {
            throw new IllegalArgumentException(
                    "worker pool '" + name + "' asks for " + workerSpecs.size() + " workers; local ids stop at 65535");
        }
        workerSpecs = List.copyOf(workerSpecs);
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(uncaughtTaskHandler, "uncaughtTaskHandler");
        checkCache(name, cachableTaskSize, initialTaskCountPerWorker, taskCacheCapacity);
        Objects.requireNonNull(workerUserData, "workerUserData");
        if (workerUserData.size() != workerSpecs.size()) {
            throw new IllegalArgumentException("worker pool '" + name + "' has " + workerSpecs.size() + " workers but "
                    + workerUserData.size() + " user data elements; give one (or null) per worker");
        }
        workerUserData = Collections.unmodifiableList(Arrays.asList(workerUserData.toArray()));
    }

    private static void checkCache(final String name, final int size, final int initial, final int capacity) {
        if (size < 0) {
            throw new IllegalArgumentException(
                    "cachableTaskSize of worker pool '" + name + "' is " + size + "; use 0 to turn the task cache off");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException(
                    "taskCacheCapacity of worker pool '" + name + "' is " + capacity + "; it must be at least 0");
        }
        if (initial < 0 || initial > capacity) {
            throw new IllegalArgumentException("initialTaskCountPerWorker of worker pool '" + name + "' is " + initial
                    + "; it must be in [0, taskCacheCapacity = " + capacity + "]");
        }
    }

    /**
     * Starts a description of a pool of {@code workerCount} workers, the master included, with default specs:
     * daemon threads named {@code <name>-worker-<i>}, unpinned, at the creator's priority.
     *
     * @param name the pool's name
     * @param workerCount the number of workers including the master, at least 1
     * @return a builder
     * @throws IllegalArgumentException if the count is below 1 or the name is blank
     */
    public static Builder builder(final String name, final int workerCount) {
        return new Builder(name, workerCount);
    }

    /** Collects a {@link WorkerPoolConfig}. */
    public static final class Builder {
        private final String name;
        private final List<ThreadConfig> specs;
        private final Object[] userData;
        private WorkerPoolVisitor visitor = WorkerPoolVisitor.NONE;
        private UncaughtTaskHandler handler = UncaughtTaskHandler.LOG;
        private int cachableTaskSize = DEFAULT_CACHABLE_TASK_SIZE;
        private int initialTaskCountPerWorker;
        private int taskCacheCapacity = DEFAULT_TASK_CACHE_CAPACITY;

        private Builder(final String name, final int workerCount) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a worker pool's name must not be blank");
            }
            if (workerCount < 1) {
                throw new IllegalArgumentException(
                        "worker pool '" + name + "' needs at least 1 worker (the master), not " + workerCount);
            }
            this.name = name;
            this.specs = new ArrayList<>(workerCount);
            this.userData = new Object[workerCount];
            for (int i = 0; i < workerCount; i++) {
                specs.add(ThreadConfig.builder(i == 0 ? name + "-master" : name + "-worker-" + i)
                        .build());
            }
        }

        /**
         * Replaces the spec of one worker.
         *
         * @param index the worker's local id, in {@code [1, workerCount)} (0 is the master, which is not started)
         * @param spec how to start it
         * @return this builder
         * @throws IllegalArgumentException if the index names no owned worker
         */
        public Builder worker(final int index, final ThreadConfig spec) {
            if (index < 1 || index >= specs.size()) {
                throw new IllegalArgumentException("worker index " + index + " of pool '" + name + "' is outside [1, "
                        + specs.size() + ") (0 is the master, which the pool does not start)");
            }
            specs.set(index, Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /**
         * Sets the thread start and exit hooks.
         *
         * @param poolVisitor the visitor
         * @return this builder
         */
        public Builder visitor(final WorkerPoolVisitor poolVisitor) {
            this.visitor = Objects.requireNonNull(poolVisitor, "visitor");
            return this;
        }

        /**
         * Sets where failures of tasks nobody waits on go.
         *
         * @param uncaught the handler
         * @return this builder
         */
        public Builder uncaughtTaskHandler(final UncaughtTaskHandler uncaught) {
            this.handler = Objects.requireNonNull(uncaught, "uncaughtTaskHandler");
            return this;
        }

        /**
         * Sets the largest cachable task, GTS's {@code cachableTaskSize}; the default is 0, the cache off (see the
         * class comment), and GTS's own default is {@link #GTS_CACHABLE_TASK_SIZE}.
         *
         * @param bytes the size limit in bytes; 0 turns the task cache off
         * @return this builder
         */
        public Builder cachableTaskSize(final int bytes) {
            this.cachableTaskSize = bytes;
            return this;
        }

        /**
         * Sets how many tasks of a kind each worker pre-allocates, GTS's {@code initialTaskCountPerWorker}.
         *
         * @param count the number of tasks, at most the cache capacity
         * @return this builder
         */
        public Builder initialTaskCountPerWorker(final int count) {
            this.initialTaskCountPerWorker = count;
            return this;
        }

        /**
         * Sets the bound of one worker's free list of one task kind.
         *
         * @param capacity the number of free tasks kept at most
         * @return this builder
         */
        public Builder taskCacheCapacity(final int capacity) {
            this.taskCacheCapacity = capacity;
            return this;
        }

        /**
         * Sets one worker's user data, GTS's {@code WorkerThreadDesc::pUserData}.
         *
         * @param index the worker's local id, in {@code [0, workerCount)} (0 is the master)
         * @param data the object, or null for none
         * @return this builder
         * @throws IllegalArgumentException if the index names no worker
         */
        public Builder userData(final int index, final Object data) {
            if (index < 0 || index >= userData.length) {
                throw new IllegalArgumentException("worker index " + index + " of pool '" + name + "' is outside [0, "
                        + userData.length + ") for user data");
            }
            userData[index] = data;
            return this;
        }

        /**
         * Sets every worker's user data from a function of the worker's local id.
         *
         * @param perWorker makes the object (or null) of each worker, the master (0) included
         * @return this builder
         */
        public Builder userData(final IntFunction<?> perWorker) {
            Objects.requireNonNull(perWorker, "perWorker");
            for (int i = 0; i < userData.length; i++) {
                userData[i] = perWorker.apply(i);
            }
            return this;
        }

        /**
         * Builds the description.
         *
         * @return the description
         * @throws IllegalArgumentException if a task cache setting is out of range
         */
        public WorkerPoolConfig build() {
            return new WorkerPoolConfig(
                    name,
                    specs,
                    visitor,
                    handler,
                    cachableTaskSize,
                    initialTaskCountPerWorker,
                    taskCacheCapacity,
                    Arrays.asList(userData));
        }
    }
}

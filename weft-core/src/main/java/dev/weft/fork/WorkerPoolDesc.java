package dev.weft.fork;

import dev.weft.platform.ThreadSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to build a {@link WorkerPool}, GTS's {@code WorkerPoolDesc}: one {@link ThreadSpec} per worker (name,
 * affinity, OS priority as a nice value, stack size), a visitor, a name and the handler for failures nobody waits on.
 *
 * <p>The index of a spec in {@link #workerSpecs()} is the worker's local id. Element 0 stands for the master, the
 * thread that initialises the pool, which the pool does not own: its spec only keeps the indices one-to-one with the
 * ids and is never applied (apply it yourself with {@link ThreadSpec#applyToCurrentThread()} if you want the master
 * placed).
 *
 * @param name the pool's name, used in thread names and reports
 * @param workerSpecs one spec per worker, element 0 for the master; at least one element
 * @param visitor the thread start and exit hooks
 * @param uncaughtTaskHandler receives failures of tasks nobody waits on
 */
public record WorkerPoolDesc(String name, List<ThreadSpec> workerSpecs, WorkerPoolVisitor visitor,
        UncaughtTaskHandler uncaughtTaskHandler) {

    /**
     * Checks and copies the description.
     *
     * @throws IllegalArgumentException if the name is blank or there are no worker specs
     * @throws NullPointerException if a spec, the visitor or the handler is null
     */
    public WorkerPoolDesc {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a worker pool's name must not be blank");
        }
        if (workerSpecs == null || workerSpecs.isEmpty()) {
            throw new IllegalArgumentException("worker pool '" + name
                    + "' needs at least one worker spec (element 0 is the master)");
        }
        if (workerSpecs.size() > 0xFFFF) {
            throw new IllegalArgumentException("worker pool '" + name + "' asks for " + workerSpecs.size()
                    + " workers; local ids stop at 65535");
        }
        workerSpecs = List.copyOf(workerSpecs);
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(uncaughtTaskHandler, "uncaughtTaskHandler");
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

    /** Collects a {@link WorkerPoolDesc}. */
    public static final class Builder {
        private final String name;
        private final List<ThreadSpec> specs;
        private WorkerPoolVisitor visitor = WorkerPoolVisitor.NONE;
        private UncaughtTaskHandler handler = UncaughtTaskHandler.PRINT;

        private Builder(final String name, final int workerCount) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a worker pool's name must not be blank");
            }
            if (workerCount < 1) {
                throw new IllegalArgumentException("worker pool '" + name + "' needs at least 1 worker (the master), not "
                        + workerCount);
            }
            this.name = name;
            this.specs = new ArrayList<>(workerCount);
            for (int i = 0; i < workerCount; i++) {
                specs.add(ThreadSpec.named(i == 0 ? name + "-master" : name + "-worker-" + i).build());
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
        public Builder worker(final int index, final ThreadSpec spec) {
            if (index < 1 || index >= specs.size()) {
                throw new IllegalArgumentException("worker index " + index + " of pool '" + name
                        + "' is outside [1, " + specs.size() + ") (0 is the master, which the pool does not start)");
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
         * Builds the description.
         *
         * @return the description
         */
        public WorkerPoolDesc build() {
            return new WorkerPoolDesc(name, specs, visitor, handler);
        }
    }
}

package dev.weft.fork;

import java.util.Objects;

/**
 * How to build a {@link MicroScheduler}, GTS's {@code MicroSchedulerConfig}.
 *
 * @param pool the pool whose workers run the scheduler's tasks
 * @param name the scheduler's name, for reports
 * @param priorityCount the number of task priorities, {@code [0, priorityCount)} with 0 the highest; at least 1
 * @param priorityBoostAge after how many executed tasks a worker takes one task of a lower priority before higher
 *     ones, so low priorities are never starved; at least 1 ({@link Short#MAX_VALUE}, GTS's default, effectively
 *     never)
 * @param canStealExternalTasks whether idle workers take tasks from this scheduler's external victims
 * @param canStealBackTasks whether a worker first tries to steal back from the last worker that stole from it
 * @param sharedQueueCapacity the capacity of each priority's shared queue, which holds tasks spawned from threads
 *     that are not workers of the pool; at least 2
 */
public record MicroSchedulerConfig(
        WorkerPool pool,
        String name,
        int priorityCount,
        int priorityBoostAge,
        boolean canStealExternalTasks,
        boolean canStealBackTasks,
        int sharedQueueCapacity) {

    /** GTS's default boost age, {@code INT16_MAX}: boosting effectively never happens. */
    public static final int DEFAULT_PRIORITY_BOOST_AGE = Short.MAX_VALUE;

    /** The default capacity of a shared queue. */
    public static final int DEFAULT_SHARED_QUEUE_CAPACITY = 1 << 14;

    /**
     * Checks the description.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public MicroSchedulerConfig {
        Objects.requireNonNull(pool, "pool");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a micro-scheduler's name must not be blank");
        }
        if (priorityCount < 1 || priorityCount > 64) {
            throw new IllegalArgumentException(
                    "priorityCount " + priorityCount + " of scheduler '" + name + "' is outside [1, 64]");
        }
        if (priorityBoostAge < 1) {
            throw new IllegalArgumentException(
                    "priorityBoostAge " + priorityBoostAge + " of scheduler '" + name + "' is below 1");
        }
        if (sharedQueueCapacity < 2) {
            throw new IllegalArgumentException(
                    "sharedQueueCapacity " + sharedQueueCapacity + " of scheduler '" + name + "' is below 2");
        }
    }

    /**
     * Starts a description with GTS's defaults: one priority, boost age {@code INT16_MAX}, external stealing on,
     * steal-back off.
     *
     * @param pool the pool to attach to
     * @return a builder
     */
    public static Builder builder(final WorkerPool pool) {
        return new Builder(pool);
    }

    /** Collects a {@link MicroSchedulerConfig}. */
    public static final class Builder {
        private final WorkerPool pool;
        private String name = "weft-scheduler";
        private int priorityCount = 1;
        private int priorityBoostAge = DEFAULT_PRIORITY_BOOST_AGE;
        private boolean canStealExternalTasks = true;
        private boolean canStealBackTasks;
        private int sharedQueueCapacity = DEFAULT_SHARED_QUEUE_CAPACITY;

        private Builder(final WorkerPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
        }

        /**
         * Sets the name.
         *
         * @param schedulerName the name
         * @return this builder
         */
        public Builder name(final String schedulerName) {
            this.name = schedulerName;
            return this;
        }

        /**
         * Sets the number of priorities.
         *
         * @param count the count, in {@code [1, 64]}
         * @return this builder
         */
        public Builder priorityCount(final int count) {
            this.priorityCount = count;
            return this;
        }

        /**
         * Sets the boost age.
         *
         * @param age executed tasks between boosts, at least 1
         * @return this builder
         */
        public Builder priorityBoostAge(final int age) {
            this.priorityBoostAge = age;
            return this;
        }

        /**
         * Sets whether idle workers take tasks from external victims.
         *
         * @param can true to allow it
         * @return this builder
         */
        public Builder canStealExternalTasks(final boolean can) {
            this.canStealExternalTasks = can;
            return this;
        }

        /**
         * Sets whether workers first steal back from their last thief.
         *
         * @param can true to allow it
         * @return this builder
         */
        public Builder canStealBackTasks(final boolean can) {
            this.canStealBackTasks = can;
            return this;
        }

        /**
         * Sets the capacity of each shared queue.
         *
         * @param capacity at least 2
         * @return this builder
         */
        public Builder sharedQueueCapacity(final int capacity) {
            this.sharedQueueCapacity = capacity;
            return this;
        }

        /**
         * Builds the description.
         *
         * @return the description
         * @throws IllegalArgumentException if a field is out of range
         */
        public MicroSchedulerConfig build() {
            return new MicroSchedulerConfig(
                    pool,
                    name,
                    priorityCount,
                    priorityBoostAge,
                    canStealExternalTasks,
                    canStealBackTasks,
                    sharedQueueCapacity);
        }
    }
}

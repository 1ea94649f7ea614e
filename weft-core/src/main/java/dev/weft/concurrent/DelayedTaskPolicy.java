package dev.weft.concurrent;

/**
 * What a weft executor does at {@code shutdown()} with the delayed and periodic tasks it has not yet run, as
 * {@code ScheduledThreadPoolExecutor}'s {@code executeExistingDelayedTasksAfterShutdown} and
 * {@code continueExistingPeriodicTasksAfterShutdown} policies and {@code ForkJoinPool}'s
 * {@code cancelDelayedTasksOnShutdown}. A task that the policy drops is cancelled at shutdown (its future reports
 * {@code isCancelled()}); a kept task runs when due and holds the executor's termination back until it ends. A
 * periodic task that is kept runs until it is cancelled or throws. {@code shutdownNow()} ignores the policy: it
 * returns every task not yet run. Immutable and thread-safe.
 */
public final class DelayedTaskPolicy {

    private static final DelayedTaskPolicy DEFAULTS = builder().build();
    private static final DelayedTaskPolicy CANCEL = builder()
            .executeExistingDelayedTasksAfterShutdown(false)
            .continueExistingPeriodicTasksAfterShutdown(false)
            .build();

    private final boolean executeDelayed;
    private final boolean continuePeriodic;

    private DelayedTaskPolicy(final Builder builder) {
        this.executeDelayed = builder.executeDelayed;
        this.continuePeriodic = builder.continuePeriodic;
    }

    /**
     * Returns {@code ScheduledThreadPoolExecutor}'s defaults: one-shot delayed tasks still run after shutdown,
     * periodic tasks are cancelled.
     *
     * @return the default policy
     */
    public static DelayedTaskPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the policy of {@code ForkJoinPool.cancelDelayedTasksOnShutdown()}: every delayed or periodic task not
     * yet run is cancelled at shutdown.
     *
     * @return the cancelling policy
     */
    public static DelayedTaskPolicy cancelOnShutdown() {
        return CANCEL;
    }

    /**
     * Starts a policy from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether one-shot delayed tasks still run, when due, after shutdown.
     *
     * @return true if they run, false if shutdown cancels them
     */
    public boolean isExecuteExistingDelayedTasksAfterShutdown() {
        return executeDelayed;
    }

    /**
     * Whether periodic tasks keep running after shutdown.
     *
     * @return true if they continue, false if shutdown cancels them
     */
    public boolean isContinueExistingPeriodicTasksAfterShutdown() {
        return continuePeriodic;
    }

    /**
     * Whether a task of a kind may still run once its executor is shut down.
     *
     * @param periodic whether the task is periodic
     * @return the policy for that kind
     */
    public boolean keepsAfterShutdown(final boolean periodic) {
        return periodic ? continuePeriodic : executeDelayed;
    }

    @Override
    public String toString() {
        return "DelayedTaskPolicy{executeExistingDelayedTasksAfterShutdown=" + executeDelayed
                + ", continueExistingPeriodicTasksAfterShutdown=" + continuePeriodic + "}";
    }

    /** Builds a {@link DelayedTaskPolicy}; not thread-safe. */
    public static final class Builder {
        private boolean executeDelayed = true;
        private boolean continuePeriodic;

        private Builder() {}

        /**
         * Sets whether one-shot delayed tasks still run after shutdown (default true).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder executeExistingDelayedTasksAfterShutdown(final boolean value) {
            this.executeDelayed = value;
            return this;
        }

        /**
         * Sets whether periodic tasks keep running after shutdown (default false).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder continueExistingPeriodicTasksAfterShutdown(final boolean value) {
            this.continuePeriodic = value;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public DelayedTaskPolicy build() {
            return new DelayedTaskPolicy(this);
        }
    }
}

package dev.weft.process;

import tools.jackson.databind.JsonNode;

/**
 * A task that passed the checks at submit: its id, the task, its parsed input, its resolved timeout and when it was
 * queued.
 *
 * @param id the task id (ids grow in submit order, so they also order tasks FIFO)
 * @param task the task as submitted
 * @param input the parsed input, or {@code null} if none
 * @param timeoutNanos the resolved timeout, or -1 for none
 * @param queuedAtNanos when it was accepted, on the scheduler's clock: the base of aging
 */
record QueuedTask(long id, ProcessTask task, JsonNode input, long timeoutNanos, long queuedAtNanos) {

    /**
     * Returns the task's result type.
     *
     * @return the type
     */
    String type() {
        return task.type();
    }

    /**
     * Returns the deadline of the task if it starts running now.
     *
     * @param startNanos when it starts
     * @return the deadline on the scheduler's clock, or {@link Long#MAX_VALUE} for none
     */
    long deadlineFrom(final long startNanos) {
        return timeoutNanos < 0 ? Long.MAX_VALUE : startNanos + timeoutNanos;
    }
}

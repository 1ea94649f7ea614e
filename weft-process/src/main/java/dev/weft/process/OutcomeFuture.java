package dev.weft.process;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The future of one task's {@link Outcome}, handed out in a {@link TaskHandle}: completed by the scheduler's run
 * thread when the outcome is delivered, and cancelling it asks the scheduler to cancel the task.
 *
 * <p>Dependent stages are plain {@link CompletableFuture}s ({@link #newIncompleteFuture()} is not overridden), so
 * cancelling one of them does not reach the task; only cancelling this future does.
 */
final class OutcomeFuture extends CompletableFuture<Outcome> {

    private final long id;
    private final LongConsumer canceller;

    /**
     * Creates the future of a task.
     *
     * @param id the task id
     * @param canceller what cancels the task, from any thread
     */
    OutcomeFuture(final long id, final LongConsumer canceller) {
        this.id = id;
        this.canceller = canceller;
    }

    /**
     * Cancels the future and, if it was not done before, the task (asking twice is harmless: a task is cancelled
     * once).
     *
     * @param mayInterruptIfRunning ignored, as by {@link CompletableFuture}: a running task's process is killed
     * @return true if the future is now cancelled
     */
    @Override
    public boolean cancel(final boolean mayInterruptIfRunning) {
        final boolean wasDone = isDone();
        final boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && !wasDone) {
            canceller.accept(id);
        }
        return cancelled;
    }

    /**
     * Completes the future with the delivered outcome (a no-op if it was cancelled). Run thread only.
     *
     * @param outcome the outcome
     */
    void deliver(final Outcome outcome) {
        super.complete(outcome);
    }
}

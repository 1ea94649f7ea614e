package dev.weft.process;

import java.util.concurrent.CompletableFuture;

/**
 * What {@link ProcessScheduler#submit(ProcessTask)} returns: the task's id and a future of its one {@link Outcome}.
 *
 * <p>The future completes exactly once, with the same outcome the task's {@link OutcomeHandler} receives, on the
 * scheduler's {@code run()} thread right after that handler (so dependent stages that do not name an executor run
 * there too, and must not block it). A rejected task's future completes with its {@link Outcome.Rejected}; the
 * future never completes exceptionally on its own. {@link CompletableFuture#cancel(boolean) Cancelling} it cancels
 * the task, as {@link ProcessScheduler#cancel(long)} does: a waiting task is dropped, a running one has its process
 * killed, and the handler receives {@link Outcome.Cancelled} once; the future itself, by {@link CompletableFuture}'s
 * contract, is cancelled at once on the cancelling thread. Thread-safe.
 */
public final class TaskHandle {

    private final long id;
    private final OutcomeFuture outcome;

    TaskHandle(final long id, final OutcomeFuture outcome) {
        this.id = id;
        this.outcome = outcome;
    }

    /**
     * Returns the task's id, unique in its scheduler, as the outcome's {@link Outcome#id()}.
     *
     * @return the id
     */
    public long id() {
        return id;
    }

    /**
     * Returns the future of the task's outcome.
     *
     * @return the future; cancelling it cancels the task
     */
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public String toString() {
        return "task " + id + (outcome.isDone() ? " (done)" : "");
    }
}

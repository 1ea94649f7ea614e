package dev.weft.fork;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The task behind {@link MicroScheduler#submit} and {@link MicroScheduler#invokeAsync}: it runs a function and
 * completes a {@link CompletableFuture} with its value or failure. A future completed before the task starts
 * (cancelled, or completed by its holder) makes the task skip its work; a scheduler's shutdown that drains the task
 * cancels the future. The future thus completes exactly once, and the function runs at most once.
 *
 * @param <T> the result type
 */
final class AsyncTask<T> extends Task {

    private final ForkFunction<T> function;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    AsyncTask(final ForkFunction<T> function) {
        this.function = function;
    }

    CompletableFuture<T> future() {
        return future;
    }

    @Override
    protected Task execute(final TaskContext context) {
        if (future.isDone()) {
            return null;
        }
        try {
            future.complete(function.apply(context));
        } catch (final Throwable e) {
            future.completeExceptionally(e);
        }
        return null;
    }

    /**
     * Cancels the future of a task that a scheduler's shutdown drained.
     *
     * @param scheduler the scheduler's name
     */
    void cancelledByShutdown(final String scheduler) {
        future.completeExceptionally(new CancellationException(
                "task '" + name() + "' was cancelled by the shutdown of scheduler '" + scheduler + "'"));
    }
}

package dev.weft.fork;

import java.io.Serial;

/**
 * Thrown to whoever waits on a task when the task, or a descendant that passed its failure up, threw. The cause is
 * the original throwable; a task cancelled by a scheduler's shutdown has a
 * {@link java.util.concurrent.CancellationException} as its cause.
 */
public final class TaskFailedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param task the task waited on
     * @param cause what it or a descendant threw
     */
    public TaskFailedException(final Task task, final Throwable cause) {
        this(task.name(), cause);
    }

    /**
     * Creates the exception for work known by a name only (a computation forked on demand that ran inline).
     *
     * @param taskName the name of the work waited on
     * @param cause what it threw
     */
    TaskFailedException(final String taskName, final Throwable cause) {
        super("task '" + taskName + "' failed: " + cause, cause);
    }
}

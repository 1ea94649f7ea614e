package dev.weft.fork;

/**
 * Receives the failure of a task that nobody waits on: a root task (one without a parent) whose
 * {@link Task#execute} threw, or to which a child passed its failure up. A task's failure never kills its worker;
 * it ends here when no waiter can take it. The handler runs on the worker that saw the failure.
 */
@FunctionalInterface
public interface UncaughtTaskHandler {

    /**
     * The default handler: logs the task's name, its scheduler and the failure at {@code ERROR} through the
     * {@link System.Logger} named {@code dev.weft.fork}.
     */
    UncaughtTaskHandler LOG = (scheduler, task, failure) -> System.getLogger(UncaughtTaskHandler.class.getPackageName())
            .log(
                    System.Logger.Level.ERROR,
                    "task '" + task.name() + "' of scheduler '" + scheduler.name() + "' failed and nobody waits on it",
                    failure);

    /**
     * Called once for each failure nobody waits on.
     *
     * @param scheduler the scheduler the task ran in
     * @param task the root task
     * @param failure what it (or a descendant) threw
     */
    void uncaught(MicroScheduler scheduler, Task task, Throwable failure);
}

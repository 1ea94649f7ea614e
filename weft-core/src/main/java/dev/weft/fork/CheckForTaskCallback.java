package dev.weft.fork;

/**
 * A user hook consulted on a worker's last-chance search, GTS's {@code CHECK_FOR_TASK} callback: when a worker has
 * found nothing in its deques, the shared and affinity queues, and by stealing, it asks each registered callback for
 * a task before it considers external victims and backing off. A game engine uses it to hand out work it keeps
 * elsewhere. Callbacks run on the searching worker and must not block.
 */
@FunctionalInterface
public interface CheckForTaskCallback {

    /**
     * Offers the searching worker a task.
     *
     * @param context the searching worker's context in the scheduler
     * @return a task to run now (it must not have been spawned), or null
     */
    Task checkForTask(TaskContext context);
}

package dev.weft.fork;

/**
 * Where thieves look in one {@link MicroScheduler}: a steal over its workers' deques from a random start (for its own
 * workers and for those of schedulers that list it as an external victim), the sleeper's last look for work, and the
 * hunger a sleeping worker announces to the others' demand flags.
 *
 * <p>Any thread; it reads only what the deques, queues and marks publish.
 */
final class StealSearch {

    private final MicroScheduler scheduler;
    private final LocalScheduler[] locals;
    private final SharedQueues shared;

    StealSearch(final MicroScheduler scheduler, final LocalScheduler[] locals, final SharedQueues shared) {
        this.scheduler = scheduler;
        this.locals = locals;
        this.shared = shared;
    }

    /**
     * Steals for a thief from the scheduler's deques, from a random start over all workers but the thief itself.
     *
     * @param thief the thief's worker (its random state picks the start)
     * @param thiefIndex the thief's index here, or -1 if it belongs to another scheduler
     * @return a stolen task, or null
     */
    Task stealFor(final Worker thief, final int thiefIndex) {
        final int count = locals.length;
        final int start = count == 1 ? 0 : thief.nextRandom(count);
        for (int i = 0; i < count; i++) {
            final int victim = start + i < count ? start + i : start + i - count;
            if (victim != thiefIndex) {
                final Task task = locals[victim].stealBy(thiefIndex);
                if (task != null) {
                    return task;
                }
            }
        }
        return null;
    }

    /**
     * Whether worker {@code index} would find a task here: the sleeper's last look.
     *
     * @param index the worker's index
     * @return true if a shared queue, its affinity queues, a deque, or (if it may raid them) a victim holds a task
     */
    boolean hasWorkFor(final int index) {
        if (!shared.isEmpty()) {
            return true;
        }
        if (locals[index].hasQueuedTasks() || hasStealableTasks()) {
            return true;
        }
        return scheduler.canStealExternalTasks() && index != 0 && hasExternalTasks();
    }

    /**
     * Whether any external victim of the scheduler holds a task a thief could take.
     *
     * @return true if some victim's deque is not empty
     */
    boolean hasExternalTasks() {
        for (final MicroScheduler victim : scheduler.externalVictims()) {
            if (victim.steals().hasStealableTasks()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any queue of the scheduler holds a task.
     *
     * @return true if some shared queue, affinity queue or deque is not empty
     */
    boolean hasQueuedTasks() {
        if (!shared.isEmpty()) {
            return true;
        }
        for (final LocalScheduler local : locals) {
            if (local.hasQueuedTasks()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any worker's deque holds a task a thief could take.
     *
     * @return true if some deque is not empty
     */
    boolean hasStealableTasks() {
        for (final LocalScheduler local : locals) {
            if (local.hasStealableTasks()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Raises the demand flag of every worker but {@code index}: that worker is going to sleep, hungry.
     *
     * @param index the sleeping worker's index
     */
    void announceHunger(final int index) {
        for (int i = 0; i < locals.length; i++) {
            if (i != index) {
                locals[i].marks().missed();
            }
        }
    }
}

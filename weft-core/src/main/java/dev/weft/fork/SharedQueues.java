package dev.weft.fork;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * A scheduler's shared queues, one bounded JCTools MPMC queue per priority: where tasks spawned by threads outside
 * the pool wait until any worker takes them (the second step of GTS's search order).
 *
 * <p>GTS only asserts that a shared queue never overflows; weft refuses the task with a
 * {@link RejectedExecutionException} that names the queue and its capacity, so a spawner learns of the overflow and
 * the task still ends in exactly one outcome (it never ran).
 */
final class SharedQueues {

    private final MpmcVarHandleArrayQueue<Task>[] queues;
    private final int capacity;

    @SuppressWarnings({"unchecked", "rawtypes"})
    SharedQueues(final int priorityCount, final int capacity) {
        this.capacity = capacity;
        this.queues = new MpmcVarHandleArrayQueue[priorityCount];
        for (int p = 0; p < priorityCount; p++) {
            queues[p] = new MpmcVarHandleArrayQueue<>(capacity);
        }
    }

    /**
     * Queues a task. Any thread.
     *
     * @param task the task
     * @param priority its priority, already checked
     * @param schedulerName the owning scheduler's name, for the error
     * @throws RejectedExecutionException if the queue is full
     */
    void offer(final Task task, final int priority, final String schedulerName) {
        if (!queues[priority].offer(task)) {
            throw new RejectedExecutionException("the shared queue of priority " + priority + " of scheduler '"
                    + schedulerName + "' is full (capacity " + capacity + "); task '" + task.name()
                    + "' was not queued");
        }
    }

    /**
     * Takes the oldest task of a priority. Any thread.
     *
     * @param priority the priority
     * @return the task, or null
     */
    Task poll(final int priority) {
        return queues[priority].poll();
    }

    /**
     * Whether every queue looks empty. Any thread.
     *
     * @return true if no task is visible
     */
    boolean isEmpty() {
        for (final MpmcVarHandleArrayQueue<Task> queue : queues) {
            if (!queue.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Moves every queued task into {@code into}. Any thread.
     *
     * @param into where the tasks go
     */
    void drainTo(final List<Task> into) {
        for (final MpmcVarHandleArrayQueue<Task> queue : queues) {
            Task task;
            while ((task = queue.poll()) != null) {
                into.add(task);
            }
        }
    }
}

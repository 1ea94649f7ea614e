package dev.weft.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queue of waiting tasks of one kind: lower priority number first, FIFO within a priority, and aging so that a
 * low priority cannot starve.
 *
 * <p><b>Implementation overview.</b> One FIFO deque per priority level, in a sorted map. A waiting task's effective
 * priority is its priority minus one for every {@code agingStep} it has waited. Within one level the head has waited
 * longest, so it has the best effective priority of its level; the task to run next is therefore the best of the
 * heads, found by a scan over the levels (few in practice: Pantavisor's plan uses a handful). Ties go to the older
 * task, so aged tasks overtake fresh ones of the priority they have reached. With {@code agingStep} zero there is no
 * aging and the order is strict priority, then FIFO. Cancellation removes by a linear search, which is rare.
 * Single-threaded: only the scheduler's {@code run()} thread touches it.
 */
final class TaskQueue {

    private final long agingStepNanos;
    private final TreeMap<Integer, ArrayDeque<QueuedTask>> levels = new TreeMap<>();
    private int size;

    /**
     * Creates an empty queue.
     *
     * @param agingStepNanos how long a task waits to gain one priority step; 0 for no aging
     */
    TaskQueue(final long agingStepNanos) {
        this.agingStepNanos = agingStepNanos;
    }

    /**
     * Adds a task at the tail of its priority.
     *
     * @param task the task
     */
    void add(final QueuedTask task) {
        levels.computeIfAbsent(task.task().priority(), p -> new ArrayDeque<>()).addLast(task);
        size++;
    }

    /**
     * Removes and returns the task to run next.
     *
     * @param nowNanos the current time on the scheduler's clock, for aging
     * @return the task, or {@code null} if the queue is empty
     */
    QueuedTask poll(final long nowNanos) {
        ArrayDeque<QueuedTask> best = null;
        long bestRank = Long.MAX_VALUE;
        long bestId = Long.MAX_VALUE;
        for (final Map.Entry<Integer, ArrayDeque<QueuedTask>> level : levels.entrySet()) {
            final QueuedTask head = level.getValue().peekFirst();
            final long rank = effectivePriority(head, nowNanos);
            if (rank < bestRank || (rank == bestRank && head.id() < bestId)) {
                best = level.getValue();
                bestRank = rank;
                bestId = head.id();
            }
            if (agingStepNanos == 0) {
                break;
            }
        }
        if (best == null) {
            return null;
        }
        final QueuedTask next = best.pollFirst();
        if (best.isEmpty()) {
            levels.remove(next.task().priority());
        }
        size--;
        return next;
    }

    /**
     * Returns a task's effective priority now.
     *
     * @param task the task
     * @param nowNanos the current time
     * @return its priority less the steps it has aged
     */
    long effectivePriority(final QueuedTask task, final long nowNanos) {
        final long aged = agingStepNanos == 0 ? 0 : Math.max(0, nowNanos - task.queuedAtNanos()) / agingStepNanos;
        return task.task().priority() - aged;
    }

    /**
     * Removes a task by id.
     *
     * @param id the task id
     * @return the task, or {@code null} if it is not queued
     */
    QueuedTask remove(final long id) {
        for (final Iterator<Map.Entry<Integer, ArrayDeque<QueuedTask>>> it =
                        levels.entrySet().iterator();
                it.hasNext(); ) {
            final ArrayDeque<QueuedTask> level = it.next().getValue();
            for (final Iterator<QueuedTask> tasks = level.iterator(); tasks.hasNext(); ) {
                final QueuedTask task = tasks.next();
                if (task.id() == id) {
                    tasks.remove();
                    if (level.isEmpty()) {
                        it.remove();
                    }
                    size--;
                    return task;
                }
            }
        }
        return null;
    }

    /**
     * Removes and returns every task, in no particular order.
     *
     * @return the tasks
     */
    List<QueuedTask> drain() {
        final List<QueuedTask> all = new ArrayList<>(size);
        levels.values().forEach(all::addAll);
        levels.clear();
        size = 0;
        return all;
    }

    /**
     * Returns the number of waiting tasks.
     *
     * @return the size
     */
    int size() {
        return size;
    }
}

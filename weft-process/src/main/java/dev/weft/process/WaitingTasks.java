package dev.weft.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tasks accepted and not yet running, with the queue bound.
 *
 * <p>Function tasks and command tasks wait in two {@link TaskQueue}s (priority, FIFO within a priority, aging), so
 * that a command waiting for a command slot never holds back a function that has a free worker, and vice versa. With
 * zero workers every task runs inline on the run thread, in one priority order, so both kinds share the function
 * queue. The bound is counted apart, in an atomic, because it is checked on the submitting thread ({@link #reserve()},
 * so that "queue full" is decided at submit, where it can name the problem) while the queues belong to the run
 * thread; a reservation is released when its task leaves the queues, whichever way.
 */
final class WaitingTasks {

    private final boolean inline;
    private final int capacity;
    private final TaskQueue functions;
    private final TaskQueue commands;
    private final AtomicInteger reserved = new AtomicInteger();

    /**
     * Creates empty queues.
     *
     * @param inline whether tasks run inline (zero workers): then all wait in one queue
     * @param capacity how many tasks may wait
     * @param agingStepNanos the aging step, 0 for none
     */
    WaitingTasks(final boolean inline, final int capacity, final long agingStepNanos) {
        this.inline = inline;
        this.capacity = capacity;
        this.functions = new TaskQueue(agingStepNanos);
        this.commands = new TaskQueue(agingStepNanos);
    }

    /**
     * Reserves a place for a task about to be posted. Any thread.
     *
     * @return false if {@code capacity} tasks are already waiting (queue full)
     */
    boolean reserve() {
        if (reserved.incrementAndGet() > capacity) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Releases a reservation whose task will never be queued (the scheduler stopped first). */
    void release() {
        reserved.decrementAndGet();
    }

    /**
     * Returns the queue bound.
     *
     * @return the capacity
     */
    int capacity() {
        return capacity;
    }

    /**
     * Queues a task that holds a reservation. Run thread only.
     *
     * @param task the task
     */
    void add(final QueuedTask task) {
        (inline || task.task().kind() == ProcessTask.Kind.FUNCTION ? functions : commands).add(task);
    }

    /**
     * Takes the next function task (any task, when inline) and releases its reservation.
     *
     * @param nowNanos the current time, for aging
     * @return the task, or {@code null}
     */
    QueuedTask pollFunction(final long nowNanos) {
        return taken(functions.poll(nowNanos));
    }

    /**
     * Takes the next command task and releases its reservation.
     *
     * @param nowNanos the current time, for aging
     * @return the task, or {@code null}
     */
    QueuedTask pollCommand(final long nowNanos) {
        return taken(commands.poll(nowNanos));
    }

    /**
     * Removes a waiting task by id and releases its reservation.
     *
     * @param id the task id
     * @return the task, or {@code null} if it is not waiting
     */
    QueuedTask remove(final long id) {
        final QueuedTask task = functions.remove(id);
        return taken(task != null ? task : commands.remove(id));
    }

    /**
     * Removes every waiting task and releases their reservations.
     *
     * @return the tasks
     */
    List<QueuedTask> drain() {
        final List<QueuedTask> all = new ArrayList<>(functions.drain());
        all.addAll(commands.drain());
        reserved.addAndGet(-all.size());
        return all;
    }

    /**
     * Returns the number of function tasks (every task, when inline) waiting.
     *
     * @return the count
     */
    int functionsWaiting() {
        return functions.size();
    }

    /**
     * Returns the number of command tasks waiting for a command slot.
     *
     * @return the count
     */
    int commandsWaiting() {
        return commands.size();
    }

    /**
     * Returns the number of tasks waiting.
     *
     * @return the count
     */
    int size() {
        return functions.size() + commands.size();
    }

    private QueuedTask taken(final QueuedTask task) {
        if (task != null) {
            reserved.decrementAndGet();
        }
        return task;
    }
}

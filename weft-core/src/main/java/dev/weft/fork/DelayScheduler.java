package dev.weft.fork;

import dev.weft.concurrent.ScheduledTask;
import dev.weft.platform.NativeThread;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The delayed tasks of one {@link ForkExecutorService}, as JDK 25's {@code ForkJoinPool} keeps them: a heap ordered by
 * due time and one daemon thread, started with the first delayed task, that hands each task to the executor's workers
 * a set lead before it is due ({@link #DEFAULT_LEAD_NANOS} unless {@link #lead(long)} changed it); whoever takes it
 * waits for the due time with {@link #awaitDue}, so no task runs early. Thread-safe.
 */
final class DelayScheduler implements Runnable {

    /*
     * Implementation overview. One lock guards the heap; the thread waits on a condition until the head is due (or
     * forever while the heap is empty) and is signalled when a new head arrives or the scheduler stops. Due tasks are
     * taken off the heap under the lock and handed over outside it, so a hand-over that runs a task inline (or fails
     * and completes the task's future) never holds the lock. A cancelled task is removed at once; a task whose future
     * completed otherwise is skipped when it comes due.
     *
     * Lateness. Handing a due task over costs two wake-ups in a row: this thread's timed wait ends, then the worker it
     * wakes is scheduled. Both are taken out of the task's lateness by handing the task over the lead (100 µs unless
     * set) before its due time: the worker that takes it spins (never parks: a park's timer slack would make it late)
     * until the due time, or until the task is done or the worker interrupted. The thread also asks the kernel for a
     * 1 µs timer slack, as reactors do, so its own timed wait ends on time (Linux's default slack is 50 µs).
     */

    /** How long before its due time a task is handed to a worker, which then spins until it is due, by default. */
    static final long DEFAULT_LEAD_NANOS = 100_000;

    /** The longest lead: a worker spins for at most a millisecond before a task is due. */
    static final long MAX_LEAD_NANOS = 1_000_000;

    private static final long TIMER_SLACK_NANOS = 1_000;

    private final String name;
    private final Consumer<ScheduledTask<?>> dispatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<ScheduledTask<?>> heap = new PriorityQueue<>();
    private Thread thread;
    private boolean stopped;
    private long leadNanos;

    /**
     * Creates the scheduler; its thread starts with the first task.
     *
     * @param name the thread's name
     * @param dispatch what to do with a task that is due (on the scheduler's thread)
     * @param leadNanos how long before its due time a task is handed over, in {@code [0, MAX_LEAD_NANOS]}
     */
    DelayScheduler(final String name, final Consumer<ScheduledTask<?>> dispatch, final long leadNanos) {
        this.name = name;
        this.dispatch = dispatch;
        this.leadNanos = leadNanos;
    }

    /**
     * Changes how long before its due time a task is handed over, for the tasks already queued too.
     *
     * @param nanos the lead, in {@code [0, MAX_LEAD_NANOS]}, already checked
     */
    void lead(final long nanos) {
        lock.lock();
        try {
            leadNanos = nanos;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a task until it is due.
     *
     * @param task the task
     * @return false if the scheduler has stopped (the task was not queued)
     */
    boolean add(final ScheduledTask<?> task) {
        lock.lock();
        try {
            if (stopped) {
                return false;
            }
            heap.add(task);
            if (thread == null) {
                thread = Thread.ofPlatform().name(name).daemon(true).start(this);
            } else if (heap.peek() == task) {
                changed.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a task if it is queued.
     *
     * @param task the task
     */
    void remove(final ScheduledTask<?> task) {
        lock.lock();
        try {
            heap.remove(task);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the tasks queued now.
     *
     * @return a copy of the heap, in no order
     */
    List<ScheduledTask<?>> queued() {
        lock.lock();
        try {
            return new ArrayList<>(heap);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread; tasks still queued stay there. Idempotent. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the scheduler's thread.
     *
     * @return the thread, or null if no task was ever queued
     */
    Thread thread() {
        lock.lock();
        try {
            return thread;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Spins until a task handed over early is due, it is done, or the calling thread is interrupted.
     *
     * @param task the task
     */
    static void awaitDue(final ScheduledTask<?> task) {
        final Thread current = Thread.currentThread();
        while (task.dueNanos() - System.nanoTime() > 0 && !task.isDone() && !current.isInterrupted()) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void run() {
        try {
            NativeThread.setTimerSlack(TIMER_SLACK_NANOS);
        } catch (final RuntimeException e) {
            // no native access or no prctl: the default slack only makes hand-overs later
        }
        while (true) {
            final ScheduledTask<?> due;
            lock.lock();
            try {
                due = awaitDue();
            } catch (final InterruptedException e) {
                continue;
            } finally {
                lock.unlock();
            }
            if (due == null) {
                return;
            }
            if (!due.isDone()) {
                try {
                    dispatch.accept(due);
                } catch (final Throwable e) {
                    due.fail(e);
                }
            }
        }
    }

    private ScheduledTask<?> awaitDue() throws InterruptedException {
        while (!stopped) {
            final ScheduledTask<?> head = heap.peek();
            if (head == null) {
                changed.await();
                continue;
            }
            final long wait = head.dueNanos() - leadNanos - System.nanoTime();
            if (wait <= 0) {
                return heap.poll();
            }
            changed.awaitNanos(wait);
        }
        return null;
    }
}

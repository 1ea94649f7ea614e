package dev.weft.concurrent;

import dev.weft.fork.ForkExecutorService;
import dev.weft.reactor.ReactorExecutorService;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What weft's two executors, {@link ForkExecutorService} and {@link ReactorExecutorService}, add to
 * {@link AbstractExecutorService}: {@code invokeAll} and {@code invokeAny} that reject a null collection, element or
 * unit before anything runs, and {@link #submitWithTimeout}, JDK 25's {@code ForkJoinPool.submitWithTimeout} for an
 * executor. Sealed: only those two extend it. Thread-safe.
 */
public abstract sealed class WeftExecutorService extends AbstractExecutorService implements ScheduledExecutorService
        permits ForkExecutorService, ReactorExecutorService {

    /*
     * Implementation overview. submitWithTimeout schedules the timeout first (through the subclass's
     * scheduleTimeout, which picks a thread that a running task does not hold) and then executes the task, so a task
     * that is accepted always has its timeout; if the task is refused the timeout is cancelled. The task is a
     * FutureTask whose done() cancels the timeout, so a task that ends in time leaves no timer behind to hold
     * termination. The timeout fires at most once (a one-shot scheduled task); it acts only if the task is not done:
     * with no action it cancels the task with an interrupt, otherwise it applies the action and then interrupts the
     * task's thread if the task still runs, as ForkJoinPool's TimeoutAction does. The runner thread is recorded and
     * cleared under the task's monitor, and the interrupt is sent under it, so it never reaches a thread that has
     * moved on to other work.
     */

    /** Only weft's executors extend this class. */
    protected WeftExecutorService() {}

    /**
     * Schedules the timeout of a {@link #submitWithTimeout} task, on a thread other than the one that will run the
     * task where the executor has one.
     *
     * @param trigger what to run when the timeout is due
     * @param timeout the timeout
     * @param unit the unit of {@code timeout}
     * @return the timeout's future, cancelled if the task ends first
     * @throws RejectedExecutionException if the executor is shut down
     */
    protected abstract ScheduledFuture<?> scheduleTimeout(Runnable trigger, long timeout, TimeUnit unit);

    /**
     * Whether a scheduled command is the timeout of a {@link #submitWithTimeout} task, which {@code shutdownNow()}
     * does not return (the task itself is returned if it never started).
     *
     * @param command a scheduled task's command
     * @return true for a timeout
     */
    protected static boolean isTimeout(final Object command) {
        return command instanceof TimedTask<?>.Trigger;
    }

    /**
     * Submits a task that is cancelled, or handed to {@code timeoutAction}, if it has not completed {@code timeout}
     * after submission, as JDK 25's {@code ForkJoinPool.submitWithTimeout}. With a null action the task is cancelled
     * with {@code cancel(true)}; otherwise the action is applied to the task's future (it may cancel it, or only
     * record the timeout) and the task's thread is then interrupted if the task still runs. The action runs at most
     * once, and never if the task completed first. A task that ends in time cancels its timeout.
     *
     * @param task the task
     * @param timeout how long it may take, from submission
     * @param unit the unit of {@code timeout}
     * @param timeoutAction what to do at the timeout, or null to cancel the task
     * @param <T> the result type
     * @return the task's future
     * @throws NullPointerException if the task or unit is null
     * @throws RejectedExecutionException if the executor is shut down
     */
    public <T> Future<T> submitWithTimeout(
            final Callable<T> task,
            final long timeout,
            final TimeUnit unit,
            final Consumer<? super Future<T>> timeoutAction) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(unit, "unit");
        final TimedTask<T> timed = new TimedTask<>(task, timeoutAction);
        timed.timer = scheduleTimeout(timed.new Trigger(), timeout, unit);
        try {
            execute(timed);
        } catch (final RuntimeException e) {
            timed.timer.cancel(false);
            throw e;
        }
        return timed;
    }

    /**
     * Runs every task and returns their futures once all are done; a null collection or element is rejected before
     * anything runs.
     *
     * @param tasks the tasks
     * @param <T> the result type
     * @return the completed futures, in the collection's order
     * @throws InterruptedException if interrupted while waiting (the unfinished tasks are cancelled)
     */
    @Override
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return super.invokeAll(checkTasks(tasks));
    }

    /**
     * As {@link #invokeAll(Collection)}, cancelling the tasks not done in time.
     *
     * @param tasks the tasks
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @param <T> the result type
     * @return the futures, in the collection's order
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public <T> List<Future<T>> invokeAll(
            final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
            throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return super.invokeAll(checkTasks(tasks), timeout, unit);
    }

    /**
     * Returns the result of one task that succeeded; a null collection or element is rejected before anything runs.
     *
     * @param tasks the tasks
     * @param <T> the result type
     * @return one task's result
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if no task succeeded
     */
    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        return super.invokeAny(checkTasks(tasks));
    }

    /**
     * As {@link #invokeAny(Collection)}, within a time limit.
     *
     * @param tasks the tasks
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @param <T> the result type
     * @return one task's result
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException if no task succeeded
     * @throws TimeoutException if no task succeeded in time
     */
    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(unit, "unit");
        return super.invokeAny(checkTasks(tasks), timeout, unit);
    }

    private static <C extends Collection<?>> C checkTasks(final C tasks) {
        Objects.requireNonNull(tasks, "tasks");
        for (final Object task : tasks) {
            Objects.requireNonNull(task, "a task in the collection is null");
        }
        return tasks;
    }

    /** A task of {@link #submitWithTimeout}: its future, the thread running it, and its timeout. */
    private static final class TimedTask<T> extends FutureTask<T> {
        private final Consumer<? super Future<T>> action;
        private volatile ScheduledFuture<?> timer;
        private Thread runner; // guarded by this

        TimedTask(final Callable<T> callable, final Consumer<? super Future<T>> action) {
            super(callable);
            this.action = action;
        }

        @Override
        public void run() {
            synchronized (this) {
                runner = Thread.currentThread();
            }
            try {
                super.run();
            } finally {
                synchronized (this) {
                    runner = null;
                }
            }
        }

        @Override
        protected void done() {
            final ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }

        private void timedOut() {
            if (isDone()) {
                return;
            }
            if (action == null) {
                cancel(true);
                return;
            }
            action.accept(this);
            synchronized (this) {
                if (runner != null && !isDone()) {
                    runner.interrupt();
                }
            }
        }

        @Override
        public String toString() {
            return "task with a timeout " + super.toString();
        }

        /** The timeout of the task. */
        private final class Trigger implements Runnable {
            @Override
            public void run() {
                timedOut();
            }

            @Override
            public String toString() {
                return "timeout of " + TimedTask.this;
            }
        }
    }
}

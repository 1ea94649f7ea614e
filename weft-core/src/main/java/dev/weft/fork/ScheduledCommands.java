package dev.weft.fork;

import dev.weft.concurrent.DelayedTaskPolicy;
import dev.weft.concurrent.ScheduledTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The delayed and periodic tasks of one {@link ForkExecutorService}: their shutdown policy, the delay scheduler
 * that holds them until due (started with the first one, as JDK 25's {@code ForkJoinPool} starts its own), and the
 * executor's side of each task ({@link ScheduledTask.Host}). Thread-safe.
 */
final class ScheduledCommands implements ScheduledTask.Host {

    /*
     * Implementation overview. A delayed task holds one count of the executor's from its scheduling until its future
     * completes or shutdownNow() withdraws it (ended), and each run holds one more (dispatch), so neither a waiting
     * delayed task nor a running one lets the executor terminate. A due task runs as a command on a worker; a
     * periodic task goes back to the delay scheduler after each run, unless the executor is shut down and the policy
     * drops it. The timeout of a submitWithTimeout task runs on the delay scheduler's thread itself, as
     * ForkJoinPool's timeout actions do, so a worker busy with the task cannot hold it back. The delay scheduler is
     * created once, under this object's monitor, and stopped under it too, so a task scheduled while the executor
     * terminates is refused rather than left in a scheduler nobody stops.
     */

    private final ForkExecutorService executor;
    private final String name;
    private volatile DelayedTaskPolicy policy = DelayedTaskPolicy.defaults();
    private volatile DelayScheduler delayScheduler;
    private volatile long leadNanos = DelayScheduler.DEFAULT_LEAD_NANOS;

    ScheduledCommands(final ForkExecutorService executor, final String name) {
        this.executor = executor;
        this.name = name;
    }

    DelayedTaskPolicy policy() {
        return policy;
    }

    void policy(final DelayedTaskPolicy newPolicy) {
        this.policy = Objects.requireNonNull(newPolicy, "delayedTaskPolicy");
    }

    long leadNanos() {
        return leadNanos;
    }

    /** Sets the hand-over lead, checked already, for the delay scheduler now or when it starts. */
    synchronized void leadNanos(final long nanos) {
        leadNanos = nanos;
        if (delayScheduler != null) {
            delayScheduler.lead(nanos);
        }
    }

    /** Accepts a task: runs it now if due, else queues it until it is. */
    <V> ScheduledTask<V> enqueue(final ScheduledTask<V> task) {
        executor.reserve("scheduled task");
        if (task.getDelay(TimeUnit.NANOSECONDS) <= 0) {
            dispatch(task);
        } else if (!delayScheduler().add(task)) {
            task.cancel(false);
        }
        return task;
    }

    /** Applies the policy at {@code shutdown()} to the tasks waiting to be due and to those queued to run. */
    void shutdown(final Collection<ScheduledTask<?>> queuedToRun) {
        final DelayedTaskPolicy now = policy;
        final List<ScheduledTask<?>> waiting = new ArrayList<>(queuedToRun);
        final DelayScheduler delayed = delayScheduler;
        if (delayed != null) {
            waiting.addAll(delayed.queued());
        }
        for (final ScheduledTask<?> task : waiting) {
            if (!now.keepsAfterShutdown(task.isPeriodic())) {
                task.cancelIfWaiting();
            }
        }
    }

    /** Withdraws every task still waiting to be due, for {@code shutdownNow()}, adding each to {@code never}. */
    void withdrawWaiting(final List<Runnable> never) {
        final DelayScheduler delayed = delayScheduler;
        if (delayed != null) {
            for (final ScheduledTask<?> task : delayed.queued()) {
                if (task.withdraw() && !ForkExecutorService.isTimeoutCommand(task.command())) {
                    never.add(task);
                }
            }
        }
    }

    /** Stops the delay scheduler, if one started; the executor terminated. */
    synchronized void stop() {
        if (delayScheduler != null) {
            delayScheduler.stop();
        }
    }

    /** Returns the delay scheduler's thread, or null if no delayed task was ever queued. */
    Thread thread() {
        final DelayScheduler delayed = delayScheduler;
        return delayed == null ? null : delayed.thread();
    }

    private DelayScheduler delayScheduler() {
        DelayScheduler delayed = delayScheduler;
        if (delayed == null) {
            synchronized (this) {
                delayed = delayScheduler;
                if (delayed == null) {
                    delayed = new DelayScheduler(name + "-delay-scheduler", this::dispatch, leadNanos);
                    delayScheduler = delayed;
                }
            }
        }
        return delayed;
    }

    private void dispatch(final ScheduledTask<?> task) {
        if (task.isDone()) {
            return;
        }
        if (ForkExecutorService.isTimeoutCommand(task.command())) {
            DelayScheduler.awaitDue(task);
            task.run();
            return;
        }
        try {
            executor.runScheduled(task);
        } catch (final RuntimeException e) {
            task.fail(e);
        }
    }

    @Override
    public boolean mayRun(final ScheduledTask<?> task) {
        return !executor.isShutdown() || (!executor.isStopping() && policy.keepsAfterShutdown(task.isPeriodic()));
    }

    @Override
    public void reschedule(final ScheduledTask<?> task) {
        if (!mayRun(task) || !delayScheduler().add(task)) {
            task.cancel(false);
        }
    }

    @Override
    public void ended(final ScheduledTask<?> task) {
        final DelayScheduler delayed = delayScheduler;
        if (delayed != null) {
            delayed.remove(task);
        }
        executor.taskEnded();
    }
}

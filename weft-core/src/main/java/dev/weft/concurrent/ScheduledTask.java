package dev.weft.concurrent;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The future of a task scheduled on a weft executor or strand: one-shot, at a fixed rate, or with a fixed delay, with
 * the semantics of {@code ScheduledThreadPoolExecutor}'s tasks. {@link #get()} returns a one-shot task's result; a
 * periodic task's future completes only when it is cancelled (a {@code CancellationException}) or when a run throws
 * (an {@code ExecutionException} with that cause; no later run happens). {@link #cancel(boolean)} stops a task that
 * has not run (and, with {@code true}, interrupts a run in progress). Thread-safe; ordered by due time, then by
 * creation. Instances are made by weft's executors, which implement {@link Host}.
 *
 * @param <V> the result type
 */
public final class ScheduledTask<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {

    /*
     * Implementation overview. Times are System.nanoTime() readings; every delay is capped at Long.MAX_VALUE / 2 so
     * that due times compare by subtraction without overflow (as ScheduledThreadPoolExecutor's overflowFree does).
     * A phase word (waiting, running, withdrawn) makes each run and a withdrawal by shutdownNow() exclusive: a run
     * starts only by moving waiting -> running, and a periodic run that ends normally moves back to waiting before the
     * host queues the next run; shutdownNow() withdraws only a waiting task. The host hears of the task's end exactly
     * once (its future completed, or the task withdrawn), through one compare-and-set flag.
     */

    /** The executor side of a scheduled task. */
    public interface Host {
        /**
         * Whether a run may start now (false once the executor stopped, or shut down with a policy that drops it).
         *
         * @param task the task about to run
         * @return true to run it, false to cancel it
         */
        boolean mayRun(ScheduledTask<?> task);

        /**
         * Queues a periodic task's next run, due at {@link ScheduledTask#dueNanos()}.
         *
         * @param task the task, waiting again
         */
        void reschedule(ScheduledTask<?> task);

        /**
         * Hears, exactly once, that a task ended: its future completed (run, failed or cancelled) or it was withdrawn.
         *
         * @param task the task
         */
        void ended(ScheduledTask<?> task);
    }

    private static final long MAX_DELAY = Long.MAX_VALUE >> 1;
    private static final AtomicLong SEQUENCER = new AtomicLong();
    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int WITHDRAWN = 2;

    private final Host host;
    private final long period;
    private final long sequence = SEQUENCER.getAndIncrement();
    private final AtomicInteger phase = new AtomicInteger(WAITING);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object command;
    private volatile long due;

    private ScheduledTask(
            final Callable<V> callable, final Object command, final long due, final long period, final Host host) {
        super(callable);
        this.command = command;
        this.due = due;
        this.period = period;
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * Makes a one-shot task of a callable.
     *
     * @param callable the work
     * @param delay the delay from now (zero or negative: due now)
     * @param unit the unit of {@code delay}
     * @param host its executor
     * @param <V> the result type
     * @return the task, waiting
     * @throws NullPointerException if the callable or unit is null
     */
    public static <V> ScheduledTask<V> of(
            final Callable<V> callable, final long delay, final TimeUnit unit, final Host host) {
        Objects.requireNonNull(callable, "callable");
        return new ScheduledTask<>(callable, callable, dueIn(delay, unit), 0, host);
    }

    /**
     * Makes a one-shot or periodic task of a runnable.
     *
     * @param command the work
     * @param delay the delay of the first run from now (zero or negative: due now)
     * @param period zero for a one-shot task, positive for a fixed rate, negative for a fixed delay (its magnitude)
     * @param unit the unit of {@code delay} and {@code period}
     * @param host its executor
     * @return the task, waiting
     * @throws NullPointerException if the command or unit is null
     */
    public static ScheduledTask<Void> of(
            final Runnable command, final long delay, final long period, final TimeUnit unit, final Host host) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(unit, "unit");
        final long periodNanos = period == 0
                ? 0
                : period > 0 ? Math.min(unit.toNanos(period), MAX_DELAY) : -Math.min(unit.toNanos(-period), MAX_DELAY);
        return new ScheduledTask<>(
                () -> {
                    command.run();
                    return null;
                },
                command,
                dueIn(delay, unit),
                periodNanos,
                host);
    }

    /**
     * Checks a period or delay given to {@code scheduleAtFixedRate} or {@code scheduleWithFixedDelay}.
     *
     * @param period the period or delay
     * @param what its name, for the error
     * @throws IllegalArgumentException if it is not positive
     */
    public static void checkPeriod(final long period, final String what) {
        if (period <= 0) {
            throw new IllegalArgumentException(what + " must be positive, not " + period);
        }
    }

    private static long dueIn(final long delay, final TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        final long nanos = delay <= 0 ? 0 : Math.min(unit.toNanos(delay), MAX_DELAY);
        return System.nanoTime() + nanos;
    }

    /**
     * Returns when the next run is due, on the {@link System#nanoTime()} clock.
     *
     * @return the due time
     */
    public long dueNanos() {
        return due;
    }

    /**
     * Returns the command or callable this task runs.
     *
     * @return what was scheduled
     */
    public Object command() {
        return command;
    }

    @Override
    public boolean isPeriodic() {
        return period != 0;
    }

    @Override
    public long getDelay(final TimeUnit unit) {
        return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(final Delayed other) {
        if (other == this) {
            return 0;
        }
        if (other instanceof ScheduledTask<?> task) {
            final long diff = due - task.due;
            if (diff != 0) {
                return diff < 0 ? -1 : 1;
            }
            return sequence < task.sequence ? -1 : 1;
        }
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    /**
     * Runs the task once, if it is waiting and its host lets it: a one-shot task completes its future; a periodic
     * task that returns normally is queued for its next run, one that throws completes its future with the failure.
     */
    @Override
    public void run() {
        if (!phase.compareAndSet(WAITING, RUNNING)) {
            return;
        }
        if (!host.mayRun(this)) {
            cancel(false);
            return;
        }
        if (period == 0) {
            super.run();
        } else if (super.runAndReset()) {
            final long next = period > 0 ? due + period : System.nanoTime() - period;
            final long now = System.nanoTime();
            due = next - now > MAX_DELAY ? now + MAX_DELAY : next;
            phase.set(WAITING);
            host.reschedule(this);
        }
    }

    /**
     * Takes back a task that is waiting, for {@code shutdownNow()}: it will never run, and its future stays
     * incomplete, as {@code ScheduledThreadPoolExecutor}'s does.
     *
     * @return true if this call withdrew it
     */
    public boolean withdraw() {
        return phase.compareAndSet(WAITING, WITHDRAWN) && !isDone() && end();
    }

    /**
     * Cancels the task if it is waiting (not running), for {@code shutdown()} under a policy that drops it; a run in
     * progress is left alone.
     *
     * @return true if this call cancelled it
     */
    public boolean cancelIfWaiting() {
        return phase.compareAndSet(WAITING, WITHDRAWN) && cancel(false);
    }

    /**
     * Completes the future with a failure that kept the task from running (its executor refused the run).
     *
     * @param failure the failure
     */
    public void fail(final Throwable failure) {
        setException(failure);
    }

    @Override
    protected void done() {
        end();
    }

    private boolean end() {
        if (ended.compareAndSet(false, true)) {
            host.ended(this);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "scheduled " + command + (period > 0 ? " at a fixed rate" : period < 0 ? " with a fixed delay" : "");
    }
}

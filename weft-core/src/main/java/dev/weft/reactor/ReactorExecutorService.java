package dev.weft.reactor;

import dev.weft.concurrent.DelayedTaskPolicy;
import dev.weft.concurrent.ScheduledTask;
import dev.weft.concurrent.WeftExecutorService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A {@link ScheduledExecutorService} over a group of reactors of its own, for code that wants the standard
 * interface: tasks go round-robin to one strand per reactor and run as strand messages; delayed and periodic tasks
 * are that strand's timers ({@link Strand#schedule}), so no timer thread is added and a reactor in interrupt mode
 * sleeps until its next due task. They follow {@code ScheduledThreadPoolExecutor}'s semantics (see
 * {@link ScheduledTask}); at {@link #shutdown()} those not yet run are kept or cancelled by the
 * {@link DelayedTaskPolicy} ({@link DelayedTaskPolicy#defaults()} unless set), and {@link #shutdownNow()} returns
 * them.
 *
 * <p>Every submitted task is either run, refused, or returned by {@link #shutdownNow()}, exactly once; a task running
 * when {@code shutdownNow()} is called is interrupted. Tasks must not block for long: they share their reactor with
 * the other strands' work (the group's watchdog is off, since {@code ExecutorService} users may legitimately block in
 * a task). Do not call {@code close()} or {@code awaitTermination} from a task. A {@link #submitWithTimeout} timeout
 * runs on another reactor than its task where there are two or more; on one reactor a running task holds its timeout
 * back, which then can only cancel a task that has not started. Thread-safe.
 */
public final class ReactorExecutorService extends WeftExecutorService {

    /*
     * Implementation overview.
     *
     * Each task is wrapped in a job with a three-state word (queued, running, cancelled) and counted in an
     * outstanding counter before the shutdown check, so that a task is either refused or counted, never lost. A job
     * runs only if it moves from queued to running; shutdownNow moves every still-queued job to cancelled and returns
     * its task. A job that won the switch to running records itself as running (its thread, in a volatile slot) and
     * then re-checks the stop flag, which shutdownNow sets before it reads those slots: either the job sees the stop
     * and interrupts itself, or shutdownNow sees the job and interrupts it (as ForkExecutorService does), so no task
     * escapes both. The executor terminates when it is shut down and the outstanding count reaches zero; the thread
     * that sees that starts a short-lived thread to stop the reactor group (a reactor cannot join itself), which then
     * releases awaitTermination. submit, invokeAll and invokeAny come from AbstractExecutorService,
     * submitWithTimeout from WeftExecutorService.
     *
     * Scheduled tasks. A delayed or periodic task is counted in the outstanding counter from its scheduling until
     * it ends (its future completes, or shutdownNow withdraws it), so a kept one holds termination back, and it is
     * listed in `scheduled` meanwhile, for the shutdown policy and shutdownNow. It is posted to its strand's timers
     * (StrandTimers), whose host here (SlotTimers) refuses a run the policy drops after shutdown. Its command is
     * wrapped so that a run records its thread, as a job does, for shutdownNow's interrupt. A task scheduled while
     * shutdown() applies the policy re-checks the policy once it is listed, so neither misses the other.
     */

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;

    private final ReactorGroup group;
    private final Strand[] strands;
    private final AtomicReferenceArray<Job> current;
    private final AtomicReferenceArray<Thread> timerRuns;
    private final SlotTimers[] hosts;
    private final Set<ScheduledTask<?>> scheduled = ConcurrentHashMap.newKeySet();
    private volatile DelayedTaskPolicy policy = DelayedTaskPolicy.defaults();
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Job> queued = ConcurrentHashMap.newKeySet();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean shutdown;
    private volatile boolean stopping;

    /**
     * Starts an executor on a number of unpinned reactors in interrupt mode.
     *
     * @param reactors how many reactors, at least 1
     * @throws IllegalArgumentException if {@code reactors} is below 1
     */
    public ReactorExecutorService(final int reactors) {
        if (reactors < 1) {
            throw new IllegalArgumentException("a ReactorExecutorService needs at least 1 reactor, not " + reactors);
        }
        this.group = ReactorGroup.builder()
                .name("weft-executor")
                .reactors(reactors)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        this.strands = new Strand[reactors];
        this.current = new AtomicReferenceArray<>(reactors);
        this.timerRuns = new AtomicReferenceArray<>(reactors);
        this.hosts = new SlotTimers[reactors];
        for (int i = 0; i < reactors; i++) {
            hosts[i] = new SlotTimers(i);
            strands[i] = Strand.of("executor-" + i);
            group.add(strands[i], group.reactor(i)).join();
        }
    }

    /**
     * Returns the reactor group that runs the tasks.
     *
     * @return the group
     */
    public ReactorGroup group() {
        return group;
    }

    /**
     * Runs a task on one of the reactors.
     *
     * @param command the task
     * @throws RejectedExecutionException after shutdown
     * @throws NullPointerException if the task is null
     */
    @Override
    public void execute(final Runnable command) {
        Objects.requireNonNull(command, "command");
        outstanding.incrementAndGet();
        if (shutdown) {
            finishOne();
            throw new RejectedExecutionException("ReactorExecutorService is shut down");
        }
        final int slot = nextSlot();
        final Job job = new Job(command, slot);
        queued.add(job);
        strands[slot].execute(job);
    }

    /**
     * Runs a command once on a reactor after a delay.
     *
     * @param command the command
     * @param delay the delay (zero or negative: now)
     * @param unit the unit of {@code delay}
     * @return its future, which completes with null
     * @throws NullPointerException if the command or unit is null
     * @throws RejectedExecutionException if the executor is shut down
     */
    @Override
    public ScheduledFuture<?> schedule(final Runnable command, final long delay, final TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(unit, "unit");
        final int slot = nextSlot();
        return enqueue(slot, ScheduledTask.of(new TrackedRun<>(slot, null, command), delay, 0, unit, hosts[slot]));
    }

    /**
     * Runs a callable once on a reactor after a delay.
     *
     * @param callable the callable
     * @param delay the delay (zero or negative: now)
     * @param unit the unit of {@code delay}
     * @param <V> the result type
     * @return its future, which completes with the callable's result
     * @throws NullPointerException if the callable or unit is null
     * @throws RejectedExecutionException if the executor is shut down
     */
    @Override
    public <V> ScheduledFuture<V> schedule(final Callable<V> callable, final long delay, final TimeUnit unit) {
        Objects.requireNonNull(callable, "callable");
        Objects.requireNonNull(unit, "unit");
        final int slot = nextSlot();
        return enqueue(slot, ScheduledTask.of(new TrackedRun<>(slot, callable, null), delay, unit, hosts[slot]));
    }

    /**
     * Runs a command periodically at a fixed rate on one reactor: first after {@code initialDelay}, then every
     * {@code period} from that first due time; a late run is followed at once by the next due one, never by two at a
     * time. The runs stop when the future is cancelled, when a run throws (the future then fails with that cause),
     * or at shutdown as the {@link DelayedTaskPolicy} says.
     *
     * @param command the command
     * @param initialDelay the delay of the first run
     * @param period the period, positive
     * @param unit the unit of both
     * @return its future, which completes only exceptionally
     * @throws NullPointerException if the command or unit is null
     * @throws IllegalArgumentException if the period is not positive
     * @throws RejectedExecutionException if the executor is shut down
     */
    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
            final Runnable command, final long initialDelay, final long period, final TimeUnit unit) {
        ScheduledTask.checkPeriod(period, "the period");
        return periodic(command, initialDelay, period, unit);
    }

    /**
     * Runs a command periodically on one reactor with a fixed delay between the end of one run and the start of the
     * next; it stops as {@link #scheduleAtFixedRate} does.
     *
     * @param command the command
     * @param initialDelay the delay of the first run
     * @param delay the delay between runs, positive
     * @param unit the unit of both
     * @return its future, which completes only exceptionally
     * @throws NullPointerException if the command or unit is null
     * @throws IllegalArgumentException if the delay is not positive
     * @throws RejectedExecutionException if the executor is shut down
     */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
            final Runnable command, final long initialDelay, final long delay, final TimeUnit unit) {
        ScheduledTask.checkPeriod(delay, "the delay");
        return periodic(command, initialDelay, -delay, unit);
    }

    /**
     * Sets what {@link #shutdown()} does with delayed and periodic tasks not yet run; applies to those already
     * scheduled too.
     *
     * @param delayedTaskPolicy the policy
     */
    public void delayedTaskPolicy(final DelayedTaskPolicy delayedTaskPolicy) {
        this.policy = Objects.requireNonNull(delayedTaskPolicy, "delayedTaskPolicy");
    }

    /**
     * Returns what {@link #shutdown()} does with delayed and periodic tasks not yet run.
     *
     * @return the policy
     */
    public DelayedTaskPolicy delayedTaskPolicy() {
        return policy;
    }

    /**
     * Makes {@link #shutdown()} cancel every delayed and periodic task not yet run, as
     * {@code ForkJoinPool.cancelDelayedTasksOnShutdown()}.
     */
    public void cancelDelayedTasksOnShutdown() {
        delayedTaskPolicy(DelayedTaskPolicy.cancelOnShutdown());
    }

    private ScheduledFuture<?> periodic(
            final Runnable command, final long initialDelay, final long period, final TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(unit, "unit");
        final int slot = nextSlot();
        return enqueue(
                slot, ScheduledTask.of(new TrackedRun<>(slot, null, command), initialDelay, period, unit, hosts[slot]));
    }

    /**
     * Schedules a timeout on the strand after the one the task will go to, so that with two reactors or more a
     * running task does not hold its own timeout back; with one reactor a running task holds it, and the timeout
     * can only cancel the task before it starts.
     */
    @Override
    protected ScheduledFuture<?> scheduleTimeout(final Runnable trigger, final long timeout, final TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        final int slot = Math.floorMod(next.get() + 1, strands.length);
        return enqueue(slot, ScheduledTask.of(trigger, timeout, 0, unit, hosts[slot]));
    }

    private int nextSlot() {
        return Math.floorMod(next.getAndIncrement(), strands.length);
    }

    private <V> ScheduledTask<V> enqueue(final int slot, final ScheduledTask<V> task) {
        outstanding.incrementAndGet();
        if (shutdown) {
            finishOne();
            throw new RejectedExecutionException(
                    "ReactorExecutorService is shut down; the scheduled task was " + "rejected");
        }
        scheduled.add(task);
        try {
            strands[slot].loop().timers().post(task);
        } catch (final RejectedExecutionException e) {
            task.cancel(false);
            throw e;
        }
        if (stopping || (shutdown && !policy.keepsAfterShutdown(task.isPeriodic()))) {
            task.cancelIfWaiting();
        }
        return task;
    }

    /**
     * Refuses new tasks; tasks already accepted still run, and delayed and periodic tasks not yet run are kept or
     * cancelled by the {@link DelayedTaskPolicy}.
     */
    @Override
    public void shutdown() {
        shutdown = true;
        final DelayedTaskPolicy now = policy;
        for (final ScheduledTask<?> task : scheduled) {
            if (!now.keepsAfterShutdown(task.isPeriodic())) {
                task.cancelIfWaiting();
            }
        }
        if (outstanding.get() == 0) {
            terminate();
        }
    }

    /**
     * Refuses new tasks, interrupts the running ones and returns those that had not started (delayed and periodic
     * tasks included, whatever the policy).
     *
     * @return the tasks that will never run; a delayed or periodic task appears as its {@link ScheduledFuture},
     *     which never completes
     */
    @Override
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop") // a concurrent set: removal while iterating is allowed
    public List<Runnable> shutdownNow() {
        shutdown = true;
        stopping = true;
        final List<Runnable> never = new ArrayList<>();
        for (final Job job : queued) {
            if (job.state.compareAndSet(QUEUED, CANCELLED)) {
                queued.remove(job);
                never.add(job.command);
                finishOne();
            }
        }
        for (final ScheduledTask<?> task : scheduled) {
            if (task.withdraw() && !isTimeout(task.command())) {
                never.add(task);
            }
        }
        for (int i = 0; i < current.length(); i++) {
            final Job running = current.get(i);
            if (running != null && running.thread != null) {
                running.thread.interrupt();
            }
            final Thread timerRun = timerRuns.get(i);
            if (timerRun != null) {
                timerRun.interrupt();
            }
        }
        if (outstanding.get() == 0) {
            terminate();
        }
        return never;
    }

    /**
     * Whether {@link #shutdown()} or {@link #shutdownNow()} was called.
     *
     * @return true once shut down
     */
    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /**
     * Whether every task has finished after shutdown and the reactors have stopped.
     *
     * @return true once terminated
     */
    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /**
     * Waits for termination after shutdown.
     *
     * @param timeout how long to wait
     * @param unit the unit of {@code timeout}
     * @return true if terminated, false if the time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private void finishOne() {
        if (outstanding.decrementAndGet() == 0 && shutdown) {
            terminate();
        }
    }

    private void terminate() {
        if (terminating.compareAndSet(false, true)) {
            Thread.ofPlatform().name("weft-executor-terminator").daemon(true).start(() -> {
                group.close();
                terminated.countDown();
            });
        }
    }

    /**
     * The host of one strand's scheduled tasks: a run is refused once the executor stops, or is shut down with a
     * policy that drops the task; a task that ends is taken off the strand's timers and uncounted.
     */
    private final class SlotTimers implements ScheduledTask.Host {
        private final int slot;

        SlotTimers(final int slot) {
            this.slot = slot;
        }

        @Override
        public boolean mayRun(final ScheduledTask<?> task) {
            return !shutdown || (!stopping && policy.keepsAfterShutdown(task.isPeriodic()));
        }

        @Override
        public void reschedule(final ScheduledTask<?> task) {
            if (mayRun(task)) {
                strands[slot].loop().timers().reschedule(task);
            } else {
                task.cancel(false);
            }
        }

        @Override
        public void ended(final ScheduledTask<?> task) {
            if (scheduled.remove(task)) {
                strands[slot].loop().timers().forget(task);
                finishOne();
            }
        }
    }

    /** A scheduled command or callable that records the thread of its run, for {@link #shutdownNow()}. */
    private final class TrackedRun<V> implements Callable<V>, Runnable {
        private final int slot;
        private final Callable<V> callable;
        private final Runnable command;

        TrackedRun(final int slot, final Callable<V> callable, final Runnable command) {
            this.slot = slot;
            this.callable = callable;
            this.command = command;
        }

        @Override
        public V call() throws Exception {
            timerRuns.set(slot, Thread.currentThread());
            if (stopping) {
                Thread.currentThread().interrupt();
            }
            try {
                if (callable != null) {
                    return callable.call();
                }
                command.run();
                return null;
            } finally {
                timerRuns.set(slot, null);
            }
        }

        @Override
        public void run() {
            try {
                call();
            } catch (final RuntimeException | Error e) {
                throw e;
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return String.valueOf(callable != null ? callable : command);
        }
    }

    /** One submitted task and its state. */
    private final class Job implements Runnable {
        private final Runnable command;
        private final int slot;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private volatile Thread thread;

        Job(final Runnable command, final int slot) {
            this.command = command;
            this.slot = slot;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            queued.remove(this);
            thread = Thread.currentThread();
            current.set(slot, this);
            if (stopping) {
                Thread.currentThread().interrupt();
            }
            try {
                command.run();
            } finally {
                current.set(slot, null);
                thread = null;
                Thread.interrupted();
                finishOne();
            }
        }

        @Override
        public String toString() {
            return command.toString();
        }
    }
}

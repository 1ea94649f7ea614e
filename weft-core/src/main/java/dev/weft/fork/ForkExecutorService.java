package dev.weft.fork;

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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The whole {@link ScheduledExecutorService} contract on a {@link WorkerPool} and a {@link MicroScheduler}, so code
 * written for an executor runs unchanged on weft's work-stealing workers. Delayed and periodic tasks follow
 * {@code ScheduledThreadPoolExecutor}'s semantics (see {@link ScheduledTask}); at {@link #shutdown()} those not yet
 * run are kept or cancelled by the {@link DelayedTaskPolicy} ({@link DelayedTaskPolicy#defaults()} unless set),
 * and {@link #shutdownNow()} returns them. To run on time, a delayed task is handed to a worker shortly (100 µs
 * unless {@link #delayedTaskLead(Duration)} says otherwise) before it is due, and that worker spins until it is.
 *
 * <p>A service built with {@link #ForkExecutorService(int)} owns its pool: termination stops the workers, and
 * {@link #awaitTermination} returns true only once their threads have ended. A service built on a given pool and
 * scheduler leaves both running. Thread-safe.
 */
public final class ForkExecutorService extends WeftExecutorService {

    /*
     * Implementation overview.
     *
     * Each submitted Runnable becomes a task. A submission from one of the pool's owned workers (a task submitting
     * more work) goes onto that worker's deque, where it is popped LIFO or stolen; any other submission goes into the
     * scheduler's shared queue and wakes a sleeping worker. submit, invokeAll and invokeAny (with and without
     * timeouts) come from AbstractExecutorService, whose futures are plain FutureTasks run by these tasks, and
     * submitWithTimeout from WeftExecutorService.
     *
     * One atomic word holds the run state and the number of accepted tasks not yet ended. A submission increments
     * the count only while the state is running (so nothing is accepted after shutdown()); a task that ends
     * decrements it, and the one that brings a shut-down service to zero terminates it. Each accepted command's task
     * moves once from queued to running, or from queued to withdrawn, by compare-and-set: shutdownNow() withdraws
     * every task still queued (returning their runnables; a withdrawn task that a worker dequeues later is skipped)
     * and interrupts the running ones, so each command ends exactly once, and the scheduler's queues, which may be
     * shared with other users, are never touched. A worker clears a stray interrupt before its next task. No thread
     * outlives a terminated service that owns its pool.
     *
     * Delayed tasks are ScheduledCommands': they wait in a DelayScheduler whose thread starts with the first one, as
     * JDK 25's ForkJoinPool starts its delay scheduler, and a due one runs as a command on a worker, holding counts
     * in the atomic word as that class says. The delay scheduler hands a task over a little before it is due, and the
     * worker that runs it spins until it is, so the delay thread's wake-up and the worker's are both off the task's
     * lateness.
     */

    private static final long SHUTDOWN = 1L << 62;
    private static final long STOP = 1L << 61;
    private static final long COUNT_MASK = STOP - 1;

    private final WorkerPool pool;
    private final MicroScheduler scheduler;
    private final boolean ownsPool;
    private final AtomicLong ctl = new AtomicLong();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition termination = lock.newCondition();
    private final Set<ExecutorTask> accepted = ConcurrentHashMap.newKeySet();
    private final ScheduledCommands delays;

    /**
     * Creates a service with its own pool of {@code parallelism} worker threads (the creating thread is the pool's
     * master and does not run tasks) and one scheduler.
     *
     * @param parallelism the number of worker threads, at least 1
     * @throws IllegalArgumentException if the parallelism is below 1
     */
    public ForkExecutorService(final int parallelism) {
        if (parallelism < 1 || parallelism >= 0xFFFF) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is outside [1, 65534]");
        }
        this.pool = WorkerPool.start(
                WorkerPoolConfig.builder("weft-executor", parallelism + 1).build());
        this.scheduler = MicroScheduler.start(MicroSchedulerConfig.builder(pool)
                .name("weft-executor")
                .sharedQueueCapacity(1 << 16)
                .build());
        this.ownsPool = true;
        this.delays = new ScheduledCommands(this, scheduler.name());
    }

    /**
     * Creates a service on an existing pool and scheduler; shutting the service down leaves both running.
     *
     * @param pool the pool
     * @param scheduler a scheduler attached to that pool
     * @throws IllegalArgumentException if the scheduler runs on another pool
     */
    public ForkExecutorService(final WorkerPool pool, final MicroScheduler scheduler) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (scheduler.pool() != pool) {
            throw new IllegalArgumentException("scheduler '" + scheduler.name() + "' runs on pool '"
                    + scheduler.pool().name() + "', not on '" + pool.name() + "'");
        }
        this.ownsPool = false;
        this.delays = new ScheduledCommands(this, scheduler.name());
    }

    /**
     * Returns the scheduler the tasks run in.
     *
     * @return the scheduler
     */
    public MicroScheduler scheduler() {
        return scheduler;
    }

    /**
     * Runs a command on a worker.
     *
     * @param command the command
     * @throws NullPointerException if the command is null
     * @throws RejectedExecutionException if the service is shut down, or the scheduler is shut down or full
     */
    @Override
    public void execute(final Runnable command) {
        Objects.requireNonNull(command, "command");
        reserve("command");
        spawn(command);
    }

    /** Counts an accepted command or scheduled task, or refuses it once the service is shut down. */
    void reserve(final String what) {
        while (true) {
            final long c = ctl.get();
            if ((c & SHUTDOWN) != 0) {
                throw new RejectedExecutionException("weft executor on scheduler '" + scheduler.name()
                        + "' is shut down; the " + what + " was rejected");
            }
            if (ctl.compareAndSet(c, c + 1)) {
                return;
            }
        }
    }

    private void spawn(final Runnable command) {
        final ExecutorTask task = new ExecutorTask(command);
        accepted.add(task);
        try {
            if (pool.currentWorkerIndex() > 0) {
                scheduler.spawnTask(task);
            } else {
                scheduler.spawnShared(task);
            }
        } catch (final RuntimeException e) {
            accepted.remove(task);
            taskEnded();
            throw e;
        }
    }

    /**
     * Runs a command once on a worker after a delay.
     *
     * @param command the command
     * @param delay the delay (zero or negative: now)
     * @param unit the unit of {@code delay}
     * @return its future, which completes with null
     * @throws NullPointerException if the command or unit is null
     * @throws RejectedExecutionException if the service is shut down
     */
    @Override
    public ScheduledFuture<?> schedule(final Runnable command, final long delay, final TimeUnit unit) {
        return enqueue(ScheduledTask.of(command, delay, 0, unit, delays));
    }

    /**
     * Runs a callable once on a worker after a delay.
     *
     * @param callable the callable
     * @param delay the delay (zero or negative: now)
     * @param unit the unit of {@code delay}
     * @param <V> the result type
     * @return its future, which completes with the callable's result
     * @throws NullPointerException if the callable or unit is null
     * @throws RejectedExecutionException if the service is shut down
     */
    @Override
    public <V> ScheduledFuture<V> schedule(final Callable<V> callable, final long delay, final TimeUnit unit) {
        return enqueue(ScheduledTask.of(callable, delay, unit, delays));
    }

    /**
     * Runs a command periodically at a fixed rate: first after {@code initialDelay}, then every {@code period} from
     * that first due time; a late run is followed at once by the next due one, never by two at a time. The runs
     * stop when the future is cancelled, when a run throws (the future then fails with that cause), or at shutdown
     * as the {@link DelayedTaskPolicy} says.
     *
     * @param command the command
     * @param initialDelay the delay of the first run
     * @param period the period, positive
     * @param unit the unit of both
     * @return its future, which completes only exceptionally
     * @throws NullPointerException if the command or unit is null
     * @throws IllegalArgumentException if the period is not positive
     * @throws RejectedExecutionException if the service is shut down
     */
    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
            final Runnable command, final long initialDelay, final long period, final TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(unit, "unit");
        ScheduledTask.checkPeriod(period, "the period");
        return enqueue(ScheduledTask.of(command, initialDelay, period, unit, delays));
    }

    /**
     * Runs a command periodically with a fixed delay between the end of one run and the start of the next; it stops
     * as {@link #scheduleAtFixedRate} does.
     *
     * @param command the command
     * @param initialDelay the delay of the first run
     * @param delay the delay between runs, positive
     * @param unit the unit of both
     * @return its future, which completes only exceptionally
     * @throws NullPointerException if the command or unit is null
     * @throws IllegalArgumentException if the delay is not positive
     * @throws RejectedExecutionException if the service is shut down
     */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
            final Runnable command, final long initialDelay, final long delay, final TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(unit, "unit");
        ScheduledTask.checkPeriod(delay, "the delay");
        return enqueue(ScheduledTask.of(command, initialDelay, -delay, unit, delays));
    }

    /**
     * Sets what {@link #shutdown()} does with delayed and periodic tasks not yet run; applies to those already
     * scheduled too.
     *
     * @param delayedTaskPolicy the policy
     */
    public void delayedTaskPolicy(final DelayedTaskPolicy delayedTaskPolicy) {
        delays.policy(delayedTaskPolicy);
    }

    /**
     * Returns what {@link #shutdown()} does with delayed and periodic tasks not yet run.
     *
     * @return the policy
     */
    public DelayedTaskPolicy delayedTaskPolicy() {
        return delays.policy();
    }

    /**
     * Sets how long before its due time a delayed or periodic task is handed to a worker, which then spins until the
     * task is due. The lead takes two wake-ups (the delay thread's and the worker's, tens of microseconds each on
     * Linux) off each run's lateness, at the price of up to that much of a worker's time per run: a task run every
     * millisecond with the default 100 µs lead keeps about a tenth of a worker spinning. {@link Duration#ZERO} hands
     * each task over when it is due and never spins. Applies to the tasks already scheduled too.
     *
     * @param lead the lead, from zero to one millisecond
     * @throws IllegalArgumentException if the lead is negative or longer than a millisecond
     */
    public void delayedTaskLead(final Duration lead) {
        Objects.requireNonNull(lead, "lead");
        if (lead.isNegative() || lead.compareTo(Duration.ofNanos(DelayScheduler.MAX_LEAD_NANOS)) > 0) {
            throw new IllegalArgumentException("delayed-task lead " + lead + " is outside [0, "
                    + Duration.ofNanos(DelayScheduler.MAX_LEAD_NANOS) + "]");
        }
        delays.leadNanos(lead.toNanos());
    }

    /**
     * Returns how long before its due time a delayed or periodic task is handed to a worker.
     *
     * @return the lead, 100 µs unless set
     */
    public Duration delayedTaskLead() {
        return Duration.ofNanos(delays.leadNanos());
    }

    /**
     * Makes {@link #shutdown()} cancel every delayed and periodic task not yet run, as
     * {@code ForkJoinPool.cancelDelayedTasksOnShutdown()}.
     */
    public void cancelDelayedTasksOnShutdown() {
        delayedTaskPolicy(DelayedTaskPolicy.cancelOnShutdown());
    }

    private <V> ScheduledTask<V> enqueue(final ScheduledTask<V> task) {
        return delays.enqueue(task);
    }

    /** Schedules a timeout, which runs on the delay scheduler's thread, as ForkJoinPool runs its timeout actions. */
    @Override
    protected ScheduledFuture<?> scheduleTimeout(final Runnable trigger, final long timeout, final TimeUnit unit) {
        return enqueue(ScheduledTask.of(trigger, timeout, 0, unit, delays));
    }

    /** Whether a scheduled command is a timeout of {@link #submitWithTimeout}. */
    static boolean isTimeoutCommand(final Object command) {
        return isTimeout(command);
    }

    /** Runs a due scheduled task as a command, holding a count of its own for the run. */
    void runScheduled(final ScheduledTask<?> task) {
        ctl.incrementAndGet();
        spawn(task);
    }

    /** Whether {@link #shutdownNow()} was called. */
    boolean isStopping() {
        return (ctl.get() & STOP) != 0;
    }

    /**
     * Stops accepting commands; those already accepted still run, and delayed and periodic tasks not yet run are
     * kept or cancelled by the {@link DelayedTaskPolicy}.
     */
    @Override
    public void shutdown() {
        ctl.getAndUpdate(v -> v | SHUTDOWN);
        final List<ScheduledTask<?>> queuedToRun = new ArrayList<>();
        for (final ExecutorTask task : accepted) {
            if (task.command instanceof ScheduledTask<?> scheduled) {
                queuedToRun.add(scheduled);
            }
        }
        delays.shutdown(queuedToRun);
        if ((ctl.get() & COUNT_MASK) == 0) {
            terminate();
        }
    }

    /**
     * Stops accepting commands, removes those not yet started (delayed and periodic tasks included, whatever the
     * policy) and interrupts those running.
     *
     * @return the commands that never started; a delayed or periodic task appears as its {@link ScheduledFuture},
     *     which never completes
     */
    @Override
    public List<Runnable> shutdownNow() {
        ctl.getAndUpdate(v -> v | SHUTDOWN | STOP);
        final List<Runnable> never = new ArrayList<>();
        delays.withdrawWaiting(never);
        for (final ExecutorTask task : accepted) {
            if (task.withdraw()) {
                if (!(task.command instanceof ScheduledTask<?> scheduled) || scheduled.withdraw()) {
                    never.add(task.command);
                }
                taskEnded();
            }
        }
        for (final ExecutorTask task : accepted) {
            task.interruptRunner();
        }
        if ((ctl.get() & COUNT_MASK) == 0) {
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
        return (ctl.get() & SHUTDOWN) != 0;
    }

    /**
     * Whether the service is shut down, every accepted command has ended, and (for a service that owns its pool) the
     * worker threads have ended.
     *
     * @return true once terminated
     */
    @Override
    public boolean isTerminated() {
        final Thread delayThread = delays.thread();
        return terminated.get()
                && (!ownsPool || pool.threadsEnded())
                && (delayThread == null || !delayThread.isAlive());
    }

    /**
     * Waits until the service has terminated.
     *
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @return true if terminated, false if the time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        final long deadline = System.nanoTime() + nanos;
        lock.lockInterruptibly();
        try {
            while (!terminated.get()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = termination.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
        final List<Thread> threads = new ArrayList<>(ownsPool ? pool.ownedThreads() : List.of());
        final Thread delayThread = delays.thread();
        if (delayThread != null) {
            threads.add(delayThread);
        }
        for (final Thread thread : threads) {
            final long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                return !thread.isAlive();
            }
        }
        return true;
    }

    /**
     * Returns a readable summary.
     *
     * @return the state and the number of accepted commands not yet ended
     */
    @Override
    public String toString() {
        final long c = ctl.get();
        final String state = isTerminated() ? "terminated" : (c & SHUTDOWN) != 0 ? "shutting down" : "running";
        return "ForkExecutorService{" + state + ", pending=" + (c & COUNT_MASK) + ", scheduler=" + scheduler.name()
                + "}";
    }

    /** Ends one count: a command or a scheduled task ended. */
    void taskEnded() {
        final long c = ctl.decrementAndGet();
        if ((c & COUNT_MASK) == 0 && (c & SHUTDOWN) != 0) {
            terminate();
        }
    }

    private void terminate() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        delays.stop();
        if (ownsPool) {
            pool.stopWorkers();
        }
        lock.lock();
        try {
            termination.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A command as a task. Its phase moves once from queued to running (a worker took it) or from queued to withdrawn
     * ({@link #shutdownNow()} took it back); it ends its accounting however the command ends.
     */
    private final class ExecutorTask extends Task {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int WITHDRAWN = 2;

        private final Runnable command;
        private final AtomicInteger phase = new AtomicInteger();
        private volatile Thread runner;

        ExecutorTask(final Runnable command) {
            this.command = command;
        }

        @Override
        protected Task execute(final TaskContext context) {
            if (!phase.compareAndSet(QUEUED, RUNNING)) {
                return null;
            }
            if ((ctl.get() & STOP) == 0) {
                Thread.interrupted();
            }
            runner = Thread.currentThread();
            try {
                if ((ctl.get() & STOP) != 0) {
                    Thread.currentThread().interrupt();
                }
                if (command instanceof ScheduledTask<?> scheduled) {
                    DelayScheduler.awaitDue(scheduled);
                }
                command.run();
            } finally {
                runner = null;
                accepted.remove(this);
                Thread.interrupted();
                taskEnded();
            }
            return null;
        }

        boolean withdraw() {
            if (phase.compareAndSet(QUEUED, WITHDRAWN)) {
                accepted.remove(this);
                return true;
            }
            return false;
        }

        void interruptRunner() {
            final Thread thread = runner;
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public String toString() {
            return "executor command " + command;
        }
    }
}

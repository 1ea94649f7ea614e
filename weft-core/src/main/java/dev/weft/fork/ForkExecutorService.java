package dev.weft.fork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The whole {@link java.util.concurrent.ExecutorService} contract on a {@link WorkerPool} and a
 * {@link MicroScheduler}, so code written for an executor runs unchanged on weft's work-stealing workers.
 *
 * <p><b>Implementation overview.</b> Each submitted {@link Runnable} becomes a task. A submission from one of the
 * pool's owned workers (a task submitting more work) goes onto that worker's deque, where it is popped LIFO or stolen;
 * any other submission goes into the scheduler's shared queue and wakes a sleeping worker. {@code submit},
 * {@code invokeAll} and {@code invokeAny} (with and without timeouts) come from {@link AbstractExecutorService}, whose
 * futures are plain {@code FutureTask}s run by these tasks.
 *
 * <p>One atomic word holds the run state and the number of accepted tasks not yet ended. A submission increments the
 * count only while the state is running (so nothing is accepted after {@link #shutdown()}); a task that ends
 * decrements it, and the one that brings a shut-down service to zero terminates it. Each accepted command's task
 * moves once from queued to running, or from queued to withdrawn, by compare-and-set: {@link #shutdownNow()}
 * withdraws every task still queued (returning their runnables; a withdrawn task that a worker dequeues later is
 * skipped) and interrupts the running ones, so each command ends exactly once, and the scheduler's queues, which
 * may be shared with other users, are never touched. A worker clears a stray interrupt before its next task. A service built with
 * {@link #ForkExecutorService(int)} owns its pool: termination stops the workers, and
 * {@link #awaitTermination} returns true only once their threads have ended, so no thread outlives a terminated
 * service. A service built on a given pool and scheduler leaves both running.
 */
public final class ForkExecutorService extends AbstractExecutorService {

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
        this.pool = WorkerPool.initialize(WorkerPoolDesc.builder("weft-executor", parallelism + 1).build());
        this.scheduler = MicroScheduler.initialize(MicroSchedulerDesc.builder(pool).name("weft-executor")
                .sharedQueueCapacity(1 << 16).build());
        this.ownsPool = true;
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
        while (true) {
            final long c = ctl.get();
            if ((c & SHUTDOWN) != 0) {
                throw new RejectedExecutionException("weft executor on scheduler '" + scheduler.name()
                        + "' is shut down; the command was rejected");
            }
            if (ctl.compareAndSet(c, c + 1)) {
                break;
            }
        }
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
     * Runs every task and returns their futures once all are done or the time is up; a null collection or element is
     * rejected before anything runs.
     *
     * @param tasks the tasks
     * @param timeout how long to wait at most
     * @param unit the unit of {@code timeout}
     * @param <T> the result type
     * @return the futures, in the collection's order; those not done in time are cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks, final long timeout,
            final TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return super.invokeAll(checkTasks(tasks), timeout, unit);
    }

    /**
     * Returns the result of one task that completed without failing; a null collection or element is rejected
     * before anything runs.
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
     * Returns the result of one task that completed without failing in time; a null collection or element is
     * rejected before anything runs.
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

    /** Stops accepting commands; those already accepted still run. */
    @Override
    public void shutdown() {
        final long c = ctl.getAndUpdate(v -> v | SHUTDOWN);
        if ((c & COUNT_MASK) == 0) {
            terminate();
        }
    }

    /**
     * Stops accepting commands, removes those not yet started and interrupts those running.
     *
     * @return the commands that never started
     */
    @Override
    public List<Runnable> shutdownNow() {
        ctl.getAndUpdate(v -> v | SHUTDOWN | STOP);
        final List<Runnable> never = new ArrayList<>();
        for (final ExecutorTask task : accepted) {
            if (task.withdraw()) {
                never.add(task.command);
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
        return terminated.get() && (!ownsPool || pool.threadsEnded());
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
        if (ownsPool) {
            for (final Thread thread : pool.ownedThreads()) {
                final long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    return !thread.isAlive();
                }
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

    private void taskEnded() {
        final long c = ctl.decrementAndGet();
        if ((c & COUNT_MASK) == 0 && (c & SHUTDOWN) != 0) {
            terminate();
        }
    }

    private void terminate() {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
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
        private final java.util.concurrent.atomic.AtomicInteger phase = new java.util.concurrent.atomic.AtomicInteger();
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

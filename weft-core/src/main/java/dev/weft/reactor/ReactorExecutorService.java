package dev.weft.reactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An {@link java.util.concurrent.ExecutorService} over a group of reactors of its own, for code that wants the
 * standard interface: tasks go round-robin to one strand per reactor and run as strand messages.
 *
 * <p>Every submitted task is either run, refused, or returned by {@link #shutdownNow()}, exactly once; a task running
 * when {@code shutdownNow()} is called is interrupted. Tasks must not block for long: they share their reactor with
 * the other strands' work (the group's watchdog is off, since {@code ExecutorService} users may legitimately block in
 * a task). Do not call {@code close()} or {@code awaitTermination} from a task. Thread-safe.
 */
public final class ReactorExecutorService extends AbstractExecutorService {

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
     * releases awaitTermination. submit, invokeAll and invokeAny come from AbstractExecutorService.
     */

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;

    private final ReactorGroup group;
    private final Strand[] strands;
    private final AtomicReferenceArray<Job> current;
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
        this.group = ReactorGroup.builder().name("weft-executor").reactors(reactors).watchdog(Duration.ZERO).build()
                .start();
        this.strands = new Strand[reactors];
        this.current = new AtomicReferenceArray<>(reactors);
        for (int i = 0; i < reactors; i++) {
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
        final int slot = Math.floorMod(next.getAndIncrement(), strands.length);
        final Job job = new Job(command, slot);
        queued.add(job);
        strands[slot].execute(job);
    }

    /** Refuses new tasks; tasks already accepted still run. */
    @Override
    public void shutdown() {
        shutdown = true;
        if (outstanding.get() == 0) {
            terminate();
        }
    }

    /**
     * Refuses new tasks, interrupts the running ones and returns those that had not started.
     *
     * @return the tasks that will never run
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
        for (int i = 0; i < current.length(); i++) {
            final Job running = current.get(i);
            if (running != null && running.thread != null) {
                running.thread.interrupt();
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

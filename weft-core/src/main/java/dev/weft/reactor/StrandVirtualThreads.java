package dev.weft.reactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The virtual threads of one strand: the {@link VirtualThreadScheduler} that makes the strand their carrier.
 * Thread-safe: the JDK calls it from any thread; the strand's reactor runs the threads.
 */
final class StrandVirtualThreads implements VirtualThreadScheduler {

    /*
     * Implementation overview.
     *
     * A start or an unpark posts the thread's Carried run to the strand's mailbox, like any message (Strand.post):
     * whichever reactor owns the strand runs it in its next pass, in mailbox order with the strand's other messages and
     * within the mailbox's batch per pass, so the strand's tasklets are polled between batches and its busy time
     * includes the threads' runs. A sleeping or blocked thread is in no queue: its wake-up (the JDK's timer or I/O
     * poller thread) posts to wherever the strand is then, so a moved strand takes its threads along, and the post
     * wakes a sleeping or interrupt-mode reactor. The live set holds the threads started and not yet terminated; the
     * reactor publishes the thread it runs (running()) for the watchdog. Closing happens in two steps: stop refuses
     * new threads, interrupts the live ones and completes when they have ended or the timeout passed (they keep running
     * on the strand meanwhile); abandon, when the strand is closed, interrupts and reports those still alive. A closed
     * strand accepts no posts, so their later runs go to one shared platform thread (weft-orphan-carrier), which keeps
     * them running, one at a time, to their end.
     */

    private static final System.Logger LOG = System.getLogger(StrandVirtualThreads.class.getName());

    private final Strand strand;
    private final JdkVirtualThreads.Dispatcher dispatcher;
    private final Set<VirtualThreadTask> live = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile VirtualThreadTask running;

    StrandVirtualThreads(final Strand strand) {
        this.strand = strand;
        this.dispatcher = JdkVirtualThreads.dispatcher(this);
    }

    /** Returns a new builder of this strand's virtual threads. */
    Thread.Builder.OfVirtual builder() {
        return JdkVirtualThreads.builder(dispatcher);
    }

    /** Returns an executor service that starts one of this strand's virtual threads per task. */
    ExecutorService executor() {
        return Executors.newThreadPerTaskExecutor(builder().factory());
    }

    /** Returns how many of this strand's virtual threads are started and not yet terminated. */
    int live() {
        return live.size();
    }

    /** Returns the virtual thread that the strand's reactor is running now, or null. */
    Thread running() {
        final VirtualThreadTask task = running;
        return task == null ? null : task.thread();
    }

    @Override
    public void onStart(final VirtualThreadTask task) {
        if (stopping || strand.isClosed()) {
            throw new RejectedExecutionException(
                    "strand '" + strand.name() + "' is closing; it starts no more " + "virtual threads");
        }
        live.add(task);
        task.attach(new Carried(task));
        if (stopping) {
            task.thread().interrupt();
        }
        submit(task);
    }

    @Override
    public void onContinue(final VirtualThreadTask task) {
        submit(task);
    }

    /**
     * Refuses new threads and interrupts the live ones.
     *
     * @param timeout how long they have to end
     * @return a future that completes once none is alive or the timeout passed
     */
    CompletableFuture<Void> stop(final Duration timeout) {
        stopping = true;
        for (final VirtualThreadTask task : live) {
            task.thread().interrupt();
        }
        if (live.isEmpty()) {
            drained.complete(null);
        }
        return drained.copy().completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Called once the strand is closed: interrupts the threads still alive and reports each of them.
     *
     * @param reactor the reactor that closed the strand, or null if it was never placed
     */
    void abandon(final Reactor reactor) {
        stopping = true;
        final List<Thread> left = new ArrayList<>();
        for (final VirtualThreadTask task : live) {
            left.add(task.thread());
            task.thread().interrupt();
        }
        for (final Thread thread : left) {
            final IllegalStateException error = new IllegalStateException("virtual thread " + describe(thread)
                    + " was still alive when its strand closed; it was interrupted and runs on to its end on the "
                    + Orphans.NAME + " thread");
            error.setStackTrace(thread.getStackTrace());
            if (reactor != null) {
                report(
                        reactor,
                        new ReactorFailure(
                                reactor.name(), strand, ReactorFailure.Kind.VIRTUAL_THREAD, describe(thread), error));
            } else {
                LOG.log(System.Logger.Level.WARNING, "strand '" + strand.name() + "': " + error.getMessage());
            }
        }
    }

    private static void report(final Reactor reactor, final ReactorFailure failure) {
        try {
            reactor.group().listener().failed(failure);
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a reactor listener failed on " + failure, e);
        }
    }

    static String describe(final Thread thread) {
        final String name = thread.getName();
        return (name.isEmpty() ? "" : "'" + name + "' ") + "#" + thread.threadId();
    }

    private void submit(final VirtualThreadTask task) {
        final Carried carried = (Carried) task.attachment();
        try {
            strand.post(carried);
        } catch (final RejectedExecutionException e) {
            Orphans.EXECUTOR.execute(carried);
        }
    }

    /** One run of a thread, posted to the strand: the reactor runs it as a message. */
    private final class Carried implements Runnable {
        private final VirtualThreadTask task;

        Carried(final VirtualThreadTask task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (Thread.currentThread().isVirtual()) {
                Orphans.EXECUTOR.execute(this);
                return;
            }
            running = task;
            try {
                task.run();
            } finally {
                running = null;
                if (!task.thread().isAlive() && live.remove(task) && stopping && live.isEmpty()) {
                    drained.complete(null);
                }
            }
        }

        @Override
        public String toString() {
            return "virtual thread " + describe(task.thread()) + " of strand '" + strand.name() + "'";
        }
    }

    /** The platform thread that carries the threads of closed strands to their end. */
    private static final class Orphans {
        static final String NAME = "weft-orphan-carrier";
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(NAME).daemon(true).factory());
    }
}

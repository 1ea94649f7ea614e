package dev.weft.process;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The thread that starts a {@link ProcessScheduler}'s child processes, so that the run thread (a reactor, when the
 * scheduler is a {@link ProcessSchedulerTasklet}) never waits for a fork and an exec. Jobs run one at a time in the
 * order given; each posts what it started, or why it could not, to the scheduler's inbox, so the outcome of a start
 * is decided on the run thread as before. {@link #execute(Runnable)} and {@link #close()} are for the run thread.
 *
 * <p><b>Implementation overview.</b> One platform daemon thread takes jobs from a blocking queue. It is a platform
 * thread, long-lived and owned by the scheduler, because a child's parent is the thread that forked it: a virtual
 * thread's carrier may end at any time. {@link #close()} sets a flag, queues a stop marker and joins the thread: the
 * job running then finishes and posts, the jobs queued behind it are skipped (the run thread settles their tasks
 * itself), so once {@code close()} returns every start that happened has its event in the inbox. A job that throws
 * is logged; jobs catch their own failures and post them, so no task waits for ever on a start.
 */
final class Launcher {

    private static final System.Logger LOG = System.getLogger(Launcher.class.getName());

    @SuppressWarnings("UnnecessaryLambda") // a sentinel job, compared by identity
    private static final Runnable STOP = () -> {};

    private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Runnable gate;
    private volatile boolean closed;

    /**
     * Creates the launcher; its thread starts with {@link #start()}.
     *
     * @param name the thread's name
     * @param gate run before every job (a test's way to hold a start); {@code () -> {}} normally
     */
    Launcher(final String name, final Runnable gate) {
        this.gate = gate;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    }

    /** Starts the thread. */
    void start() {
        thread.start();
    }

    /**
     * Queues a start.
     *
     * @param job the start; it posts its result to the inbox
     */
    void execute(final Runnable job) {
        jobs.add(job);
    }

    /**
     * Whether the calling thread is this launcher's.
     *
     * @return true on the launcher thread
     */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops the thread after the job in progress; queued jobs are skipped. Returns once the thread has ended, so
     * every start made has been posted. Idempotent; never interrupted (the flag is kept).
     */
    void close() {
        closed = true;
        jobs.add(STOP);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (true) {
            final Runnable job;
            try {
                job = jobs.take();
            } catch (final InterruptedException e) {
                continue;
            }
            if (job == STOP) {
                return;
            }
            if (closed) {
                continue;
            }
            try {
                gate.run();
                job.run();
            } catch (final Throwable e) {
                LOG.log(System.Logger.Level.ERROR, "a process start failed on " + thread.getName(), e);
            }
        }
    }
}

package dev.weft.process;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * The only way into a {@link ProcessScheduler}'s state from other threads: submitters, cancellers, the virtual
 * threads that pump the children's pipes and the JDK's process reaper {@link #post(Event)} {@link Event}s, and the
 * run thread {@link #poll()}s them, so all scheduler state keeps a single writer and {@code run()} takes no lock.
 *
 * <p><b>Implementation overview.</b> An unbounded MPSC queue (JCTools) holds the events. A run thread that has
 * nothing to do sleeps on a semaphore ({@link #await(long)}); a poster releases it only when no release is pending
 * (one atomic flag, cleared by the sleeper when it wakes), so a burst of events costs one release, and a busy run
 * thread costs its posters one failed compare-and-set. Each post also calls the owner's wakeup hook, so a reactor
 * whose loop is not blocked in {@code await} (a Notifier) is woken too.
 */
final class Inbox {

    private static final System.Logger LOG = System.getLogger(Inbox.class.getName());

    private final MpscUnboundedVarHandleArrayQueue<Event> queue = new MpscUnboundedVarHandleArrayQueue<>(256);
    private final Semaphore signal = new Semaphore(0);
    private final AtomicBoolean releasePending = new AtomicBoolean();
    private final Runnable wakeup;

    /**
     * Creates an empty inbox.
     *
     * @param wakeup the hook called after every post, from the posting thread; it must be quick
     */
    Inbox(final Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /**
     * Adds an event and wakes the run thread. Any thread.
     *
     * @param event the event
     */
    void post(final Event event) {
        queue.offer(event);
        if (releasePending.compareAndSet(false, true)) {
            signal.release();
        }
        try {
            wakeup.run();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the wakeup hook threw; the event is queued all the same", e);
        }
    }

    /**
     * Takes the oldest event. Run thread only.
     *
     * @return the event, or {@code null} if there is none
     */
    Event poll() {
        return queue.poll();
    }

    /**
     * Whether no event is waiting.
     *
     * @return true if empty
     */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Sleeps until an event is posted or the time passes. Run thread only.
     *
     * @param nanos the longest sleep
     * @return true if woken by a post
     * @throws InterruptedException if interrupted
     */
    boolean await(final long nanos) throws InterruptedException {
        final boolean woken = signal.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        releasePending.set(false);
        return woken;
    }
}

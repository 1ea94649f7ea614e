package dev.weft.process;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Which thread is a {@link ProcessScheduler}'s run thread at this moment: the one inside {@code start}, {@code run},
 * {@code awaitWork}, {@code adviseSleepNanos}, {@code stop} or {@code childPids}. Any thread may be the run thread,
 * one at a time; the parts of the scheduler that only the run thread may touch begin their methods with
 * {@code assert runThread.isCurrent()}. Thread-safe.
 */
final class RunThread {

    private final AtomicReference<Thread> owner = new AtomicReference<>();

    /**
     * Makes the calling thread the run thread.
     *
     * @throws IllegalStateException if another call holds it, or this thread already does (a handler calling back)
     */
    void enter() {
        if (!owner.compareAndSet(null, Thread.currentThread())) {
            throw new IllegalStateException("ProcessScheduler: start(), run(), awaitWork(), adviseSleepNanos(), "
                    + "stop() and childPids() must be called from one thread at a time and never from an outcome "
                    + "handler");
        }
    }

    /** Gives up the run thread role; call it after {@link #enter()} returned, from the same thread. */
    void leave() {
        owner.set(null);
    }

    /**
     * Whether the calling thread is the run thread now.
     *
     * @return true inside one of the scheduler's run-thread calls
     */
    boolean isCurrent() {
        return owner.get() == Thread.currentThread();
    }
}

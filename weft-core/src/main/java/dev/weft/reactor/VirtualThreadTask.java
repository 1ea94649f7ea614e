package dev.weft.reactor;

import java.util.Objects;

/**
 * One virtual thread as its scheduler sees it (the Loom prototype's {@code Thread.VirtualThreadTask}): the thread,
 * a way to run it until it next parks, yields or ends, and one attachment for the scheduler's own bookkeeping.
 * {@link #run()} must be called on a platform thread, and by one thread at a time.
 */
final class VirtualThreadTask implements Runnable {

    private final Thread thread;
    private final Runnable continuation;
    private volatile Object attachment;

    VirtualThreadTask(final Thread thread, final Runnable continuation) {
        this.thread = Objects.requireNonNull(thread, "thread");
        this.continuation = Objects.requireNonNull(continuation, "continuation");
    }

    /**
     * Returns the virtual thread.
     *
     * @return the thread
     */
    Thread thread() {
        return thread;
    }

    /** Runs the thread on the calling platform thread until it parks, yields or terminates. */
    @Override
    public void run() {
        continuation.run();
    }

    /**
     * Attaches the scheduler's object to this task.
     *
     * @param value the object
     */
    void attach(final Object value) {
        attachment = value;
    }

    /**
     * Returns what the scheduler attached.
     *
     * @return the attachment, or null
     */
    Object attachment() {
        return attachment;
    }

    @Override
    public String toString() {
        return "VirtualThreadTask{" + thread + "}";
    }
}

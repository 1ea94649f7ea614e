package dev.weft.reactor;

/**
 * Runs the virtual threads of one scheduler: the shape of the Loom project's prototype
 * {@code Thread.VirtualThreadScheduler}, so that weft can move to a public custom-scheduler API when the JDK ships one
 * without touching the strands that implement it.
 *
 * <p>Both callbacks may run on any thread (the starter of a thread, the JDK's timer and I/O poller threads, another
 * virtual thread) and must not block. Each must arrange for {@link VirtualThreadTask#run()} to be called once, on a
 * platform thread. A callback that throws {@link java.util.concurrent.RejectedExecutionException} from
 * {@link #onStart} makes {@link Thread#start()} throw it; {@link #onContinue} must not throw.
 */
interface VirtualThreadScheduler {

    /**
     * A virtual thread was started and needs its first run.
     *
     * @param task the thread's task
     */
    void onStart(VirtualThreadTask task);

    /**
     * A virtual thread was unparked, or yielded, and needs to run again.
     *
     * @param task the thread's task, the same object {@link #onStart} received
     */
    void onContinue(VirtualThreadTask task);
}

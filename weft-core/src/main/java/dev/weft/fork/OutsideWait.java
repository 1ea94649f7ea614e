package dev.weft.fork;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread outside the pool waits on a scheduler, which it cannot help: GTS busy-waits with a backoff and wakes
 * workers on every tick ("TODO: use Event"); weft spins briefly and then parks until the task that ends the wait
 * unparks it.
 *
 * <p><b>Implementation overview.</b> The waiter spins a few times on the wait condition, then records itself on the
 * waited task ({@link Task#setWaitingThread}) and parks. The child completion that brings the task's count to 2 reads
 * the waiting thread and unparks it; since the waiter re-checks the condition after recording itself and after every
 * park, a completion that happens before the record is seen by the check, and one after it finds the thread: no
 * wakeup is lost. Each round also wakes one sleeping worker, so a wait never depends on a worker that went to sleep
 * before the work arrived. Interrupts are remembered and restored, not obeyed: a task in flight cannot be abandoned.
 * {@link #untilIdle} is the wait for a whole scheduler, which has no task to record on: it parks with an
 * exponential backoff from 1 µs to 1 ms.
 */
final class OutsideWait {

    private static final int SPINS = 64;

    private OutsideWait() {}

    /**
     * Waits until the wait on {@code waited} is over.
     *
     * @param waited the task waited on
     * @param pool the pool, whose workers are nudged while waiting
     */
    static void until(final Task waited, final WorkerPool pool) {
        for (int i = 0; i < SPINS; i++) {
            if (waited.waitSatisfied()) {
                return;
            }
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        waited.setWaitingThread(Thread.currentThread());
        try {
            while (!waited.waitSatisfied()) {
                pool.wakeOne();
                LockSupport.park(waited);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            waited.setWaitingThread(null);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until a scheduler has no queued task and no worker inside it.
     *
     * @param scheduler the scheduler
     */
    static void untilIdle(final MicroScheduler scheduler) {
        long pause = 1_000;
        while (scheduler.hasTasks() || scheduler.workersInside() > 0) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 1_000_000);
        }
    }
}

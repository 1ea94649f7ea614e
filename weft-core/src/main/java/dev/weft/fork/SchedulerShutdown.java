package dev.weft.fork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of a {@link MicroScheduler}: once it rejects spawns and is detached from its pool, every task still queued
 * is drained and ended as cancelled, until no worker is inside the scheduler and nothing is left.
 *
 * <p><b>Implementation overview.</b> Workers already inside the scheduler finish what they are running and may still
 * spawn children onto their own deques, so the drain repeats: shared queues and deques are emptied with their
 * thread-safe consumer operations at any time, the single-consumer affinity queues only once no worker is inside to
 * consume them concurrently. Between empty rounds the drainer parks with an exponential backoff (1 µs to 1 ms). Each
 * drained task ends cancelled: a {@link ForkTask} publishes its cancellation, and the parent receives a
 * {@link CancellationException} as a failure and is completed as if the child had run, so waiters wake and throw and
 * a parent made ready by the cancellation is cancelled in turn. Every spawned task thus ends in exactly one way: run,
 * failed, or cancelled.
 */
final class SchedulerShutdown {

    private SchedulerShutdown() {}

    /**
     * Drains a scheduler that no longer accepts tasks until it is idle.
     *
     * @param scheduler the scheduler, already rejecting spawns and detached
     * @param shared its shared queues
     * @param locals its local schedulers
     * @return the cancelled tasks, parents cancelled with them included
     */
    static List<Task> drainUntilIdle(
            final MicroScheduler scheduler, final SharedQueues shared, final LocalScheduler[] locals) {
        final List<Task> cancelled = new ArrayList<>();
        long pause = 1_000;
        while (true) {
            final boolean nobodyInside = scheduler.workersInside() == 0;
            final int drained = drainQueued(scheduler, shared, locals, nobodyInside, cancelled);
            if (drained == 0 && nobodyInside && !scheduler.hasTasks()) {
                return cancelled;
            }
            if (drained == 0) {
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, 1_000_000);
            }
        }
    }

    private static int drainQueued(
            final MicroScheduler scheduler,
            final SharedQueues shared,
            final LocalScheduler[] locals,
            final boolean withAffinity,
            final List<Task> cancelled) {
        final List<Task> drained = new ArrayList<>();
        shared.drainTo(drained);
        for (final LocalScheduler local : locals) {
            local.drainTo(drained, withAffinity);
        }
        for (final Task task : drained) {
            cancel(scheduler, task, cancelled);
        }
        return drained.size();
    }

    private static void cancel(final MicroScheduler scheduler, final Task task, final List<Task> cancelled) {
        Task current = task;
        cancelled.add(current);
        while (true) {
            current.state = Task.FINISHED;
            if (current instanceof ForkTask forked) {
                forked.cancel();
            } else if (current instanceof AsyncTask<?> async) {
                async.cancelledByShutdown(scheduler.name());
            }
            final Task parent = current.parent();
            if (parent == null) {
                return;
            }
            parent.recordFailure(new CancellationException("task '" + task.name() + "' was cancelled by the shutdown"
                    + " of scheduler '" + scheduler.name() + "'"));
            if (!parent.completeChild()) {
                return;
            }
            current = parent;
            cancelled.add(current);
        }
    }
}

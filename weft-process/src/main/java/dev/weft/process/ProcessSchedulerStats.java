package dev.weft.process;

/**
 * A snapshot of a {@link ProcessScheduler}'s state and counters, published by its {@code run()} thread and readable
 * from any thread (for a control plane or {@code weft top}).
 *
 * @param queued tasks waiting to run
 * @param running tasks running (on workers or as commands, a command being started included)
 * @param workersReady worker processes that completed the start handshake and are alive
 * @param workerStarts worker process starts since {@link ProcessScheduler#start()}, replacements and failed starts
 *     included
 * @param workerCrashes workers that died without being asked to (exit, signal from outside, protocol violation,
 *     missed handshake)
 * @param ok tasks that ended {@link Outcome.Ok}
 * @param failed tasks that ended {@link Outcome.Failed}
 * @param timedOut tasks that ended {@link Outcome.TimedOut}
 * @param crashed tasks that ended {@link Outcome.WorkerCrashed}
 * @param cancelled tasks that ended {@link Outcome.Cancelled}
 * @param rejected tasks that ended {@link Outcome.Rejected}
 * @param unavailable tasks that ended {@link Outcome.WorkerUnavailable}
 */
public record ProcessSchedulerStats(
        int queued,
        int running,
        int workersReady,
        long workerStarts,
        long workerCrashes,
        long ok,
        long failed,
        long timedOut,
        long crashed,
        long cancelled,
        long rejected,
        long unavailable) {

    /**
     * Returns the number of outcomes reported so far.
     *
     * @return the sum of the outcome counters
     */
    public long outcomes() {
        return ok + failed + timedOut + crashed + cancelled + rejected + unavailable;
    }
}

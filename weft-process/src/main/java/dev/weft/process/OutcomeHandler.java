package dev.weft.process;

/**
 * Receives the outcomes of tasks of one result type. Registered per type on the {@link ProcessSchedulerBuilder};
 * always called on the thread that calls {@link ProcessScheduler#run()} (or {@link ProcessScheduler#stop()}), one
 * outcome at a time, never concurrently, so it may update the main loop's structures without locks, as Pantavisor's
 * main loop expects.
 */
@FunctionalInterface
public interface OutcomeHandler {

    /**
     * Handles one outcome. An exception thrown here is logged with the task's id and type and does not stop the
     * scheduler.
     *
     * @param outcome the task's one and only outcome
     */
    void onOutcome(Outcome outcome);
}

package dev.weft.fork;

import dev.weft.events.MicroSchedulerStatisticsEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;

/**
 * Emits the periodic {@link MicroSchedulerStatisticsEvent} of every running {@link MicroScheduler}: schedulers
 * register when they start and leave at their shutdown; one Flight Recorder hook, added when the first scheduler
 * starts, sums each one's {@link WorkerStats} when a recording asks for the event. Thread-safe.
 */
final class SchedulerStatistics {

    private static final Set<MicroScheduler> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        FlightRecorder.addPeriodicEvent(MicroSchedulerStatisticsEvent.class, SchedulerStatistics::emit);
    }

    private SchedulerStatistics() {}

    static void register(final MicroScheduler scheduler) {
        RUNNING.add(scheduler);
    }

    static void unregister(final MicroScheduler scheduler) {
        RUNNING.remove(scheduler);
    }

    private static void emit() {
        for (final MicroScheduler scheduler : RUNNING) {
            final MicroSchedulerStatisticsEvent event = new MicroSchedulerStatisticsEvent();
            if (!event.shouldCommit()) {
                return;
            }
            event.scheduler = scheduler.name();
            event.pool = scheduler.pool().name();
            for (final WorkerStats stats : scheduler.workerStats()) {
                event.workers++;
                event.executed += stats.executed();
                event.stolen += stats.stolen();
                event.queued += stats.queued();
                event.sleeps += stats.sleeps();
            }
            event.commit();
        }
    }
}

package dev.weft.cli.run;

import dev.weft.process.ProcessScheduler;
import dev.weft.reactor.Tasklet;

/**
 * Drives a {@link ProcessScheduler} from a reactor: each poll is one non-blocking {@code run()}, and the scheduler's
 * {@code adviseSleepNanos()} becomes the tasklet's sleep advice, so the reactor sleeps until the next task deadline
 * while the scheduler's wakeup hook (set by {@link WeftRuntimeHost}) ends the sleep early when a result arrives.
 */
final class ProcessTasklet extends Tasklet {

    private final ProcessScheduler scheduler;

    ProcessTasklet(final ProcessScheduler scheduler) {
        super("process-scheduler");
        this.scheduler = scheduler;
    }

    @Override
    public int poll() {
        final int work = scheduler.run();
        final long advice = scheduler.adviseSleepNanos();
        adviceSleepMicros(advice == Long.MAX_VALUE ? 0 : Math.max(1, advice / 1000));
        return work;
    }
}

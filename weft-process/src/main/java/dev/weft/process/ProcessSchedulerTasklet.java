package dev.weft.process;

import dev.weft.reactor.Registration;
import dev.weft.reactor.Signal;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ProcessScheduler} living on a reactor strand: its {@link ProcessScheduler#run()} is the tasklet's poll, so
 * result handlers run on the reactor thread, one at a time, as Pantavisor's main loop expects.
 *
 * <p><b>Implementation overview.</b> The tasklet is polled (it has deadlines to watch), and after each poll it sets
 * its sleep advice to the scheduler's {@link ProcessScheduler#adviseSleepNanos()}, so a reactor in sleep mode wakes
 * for the next task deadline (MTL caps every advice at 1 ms). Events that no deadline announces — a result, a worker
 * exit, a submission from another thread — arrive through the scheduler's wakeup hook, which raises a
 * {@link Signal} registered on the same strand: the signal wakes a sleeping reactor at once and its handler runs
 * {@code run()} too. Both the poll and the handler run on the strand's reactor thread, the one thread
 * {@code run()} allows. Processes are started by the scheduler's launcher thread, never on the reactor; stopping
 * them may wait seconds for SIGTERM to take effect, so it is left to the owner: remove the tasklet, then call
 * {@link ProcessScheduler#stop()} from any thread that may block.
 */
public final class ProcessSchedulerTasklet extends Tasklet {

    private final ProcessScheduler scheduler;
    private final Signal events;

    private ProcessSchedulerTasklet(final String name, final ProcessScheduler scheduler, final Signal events) {
        super(name);
        this.scheduler = scheduler;
        this.events = events;
    }

    /**
     * Builds a scheduler whose events wake the tasklet's reactor.
     *
     * @param name the tasklet's name
     * @param builder the scheduler's settings; its wakeup hook is set here
     * @return the tasklet, not yet on a strand
     */
    public static ProcessSchedulerTasklet of(final String name, final ProcessSchedulerBuilder builder) {
        final Signal events = new Signal(name + "-events");
        final ProcessScheduler scheduler = builder.wakeup(events::raise).build();
        return new ProcessSchedulerTasklet(name, scheduler, events);
    }

    /**
     * Returns the scheduler, for submitting and cancelling tasks from any thread.
     *
     * @return the scheduler
     */
    public ProcessScheduler scheduler() {
        return scheduler;
    }

    /**
     * Puts the tasklet and its event signal on a strand.
     *
     * @param strand the strand to run on
     * @return completes when the tasklet has started on the strand's reactor
     */
    public CompletableFuture<Tasklet> attachTo(final Strand strand) {
        final Registration registration = strand.register(events, ready -> {
            scheduler.run();
            return 0;
        });
        return strand.add(this).whenComplete((tasklet, failure) -> {
            if (failure != null) {
                registration.cancel();
            }
        });
    }

    /** Starts the worker processes, on the reactor thread, unless the owner started them already. */
    @Override
    protected void start() {
        if (!scheduler.isStarted()) {
            scheduler.start();
        }
    }

    /**
     * Runs the scheduler once and advises how long the reactor may sleep.
     *
     * @return the work {@code run()} did
     */
    @Override
    public int poll() {
        final int work = scheduler.run();
        final long advice = scheduler.adviseSleepNanos();
        adviceSleepMicros(advice == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMicros(advice)));
        return work;
    }
}

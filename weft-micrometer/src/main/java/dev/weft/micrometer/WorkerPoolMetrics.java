package dev.weft.micrometer;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.fork.WorkerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;

/**
 * Binds a {@link WorkerPool}'s figures to a registry: per worker of each micro-scheduler attached at binding, the
 * tasks it ran, the tasks it stole and the tasks queued on it; per worker of the pool, how often it went to sleep
 * (parked); and the number of workers asleep now. Bind again after attaching another scheduler
 * ({@link #of(WorkerPool, Iterable)}, or a new binder) to see it. Thread-safe.
 */
public final class WorkerPoolMetrics implements MeterBinder {

    /*
     * Implementation overview. Function meters over MicroScheduler.workerStats(), read when the registry publishes;
     * worker i of a scheduler is entry i of that list (the master first). A worker's sleeps are counted by the pool,
     * so each scheduler's entry for it holds the same count; the parks meter reads the first scheduler's.
     */

    private final WorkerPool pool;
    private final Tags tags;

    private WorkerPoolMetrics(final WorkerPool pool, final Tags tags) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags")).and("pool", pool.name());
    }

    /**
     * Binds a pool's figures.
     *
     * @param pool the pool
     * @return the binder
     */
    public static WorkerPoolMetrics of(final WorkerPool pool) {
        return new WorkerPoolMetrics(pool, Tags.empty());
    }

    /**
     * Binds a pool's figures with extra tags on every meter.
     *
     * @param pool the pool
     * @param tags the tags
     * @return the binder
     */
    public static WorkerPoolMetrics of(final WorkerPool pool, final Iterable<Tag> tags) {
        return new WorkerPoolMetrics(pool, Tags.of(tags));
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Gauge.builder("weft.pool.sleeping", pool, WorkerPool::sleepingWorkerCount)
                .tags(tags)
                .baseUnit("workers")
                .description("Workers of the pool asleep now")
                .register(registry);
        final List<MicroScheduler> schedulers = pool.microSchedulers();
        for (final MicroScheduler scheduler : schedulers) {
            final int workers = scheduler.workerStats().size();
            for (int i = 0; i < workers; i++) {
                bindWorker(registry, scheduler, i);
            }
        }
        if (!schedulers.isEmpty()) {
            final MicroScheduler first = schedulers.get(0);
            for (int i = 0; i < first.workerStats().size(); i++) {
                final int worker = i;
                FunctionCounter.builder(
                                "weft.worker.parks",
                                first,
                                s -> s.workerStats().get(worker).sleeps())
                        .tags(tags.and("worker", Integer.toString(worker)))
                        .description("Times the worker went to sleep for want of work")
                        .register(registry);
            }
        }
    }

    private void bindWorker(final MeterRegistry registry, final MicroScheduler scheduler, final int worker) {
        final Tags workerTags = tags.and("scheduler", scheduler.name()).and("worker", Integer.toString(worker));
        FunctionCounter.builder(
                        "weft.worker.tasks", scheduler, s -> stats(s, worker).executed())
                .tags(workerTags)
                .description("Tasks the worker ran in the scheduler")
                .register(registry);
        FunctionCounter.builder(
                        "weft.worker.steals", scheduler, s -> stats(s, worker).stolen())
                .tags(workerTags)
                .description("Tasks the worker stole from other workers")
                .register(registry);
        Gauge.builder("weft.worker.queued", scheduler, s -> stats(s, worker).queued())
                .tags(workerTags)
                .baseUnit("tasks")
                .description("Tasks waiting in the worker's deques and affinity queues")
                .register(registry);
    }

    private static WorkerStats stats(final MicroScheduler scheduler, final int worker) {
        return scheduler.workerStats().get(worker);
    }
}

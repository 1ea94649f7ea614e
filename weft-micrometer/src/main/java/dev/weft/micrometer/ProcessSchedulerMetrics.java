package dev.weft.micrometer;

import dev.weft.process.Outcome;
import dev.weft.process.OutcomeHandler;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessSchedulerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * Binds a {@link ProcessScheduler}'s figures to a registry: tasks queued and running, worker processes ready,
 * started and crashed, outcomes by kind, and the lateness of timeout kills as a timer. The scheduler publishes its
 * counters, which the registry reads; kill lateness is recorded by the handlers that {@link #recording} wraps, so
 * install those as the scheduler's outcome handlers to see it. Thread-safe.
 */
public final class ProcessSchedulerMetrics implements MeterBinder {

    private final ProcessScheduler scheduler;
    private final Tags tags;
    private final List<Timer> killLateness = new CopyOnWriteArrayList<>();

    private ProcessSchedulerMetrics(final ProcessScheduler scheduler, final String name, final Iterable<Tag> tags) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.tags =
                Tags.of(Objects.requireNonNull(tags, "tags")).and("scheduler", Objects.requireNonNull(name, "name"));
    }

    /**
     * Binds a scheduler's figures under a name (the {@code scheduler} tag).
     *
     * @param scheduler the scheduler
     * @param name its name in the tags
     * @return the binder
     */
    public static ProcessSchedulerMetrics of(final ProcessScheduler scheduler, final String name) {
        return new ProcessSchedulerMetrics(scheduler, name, Tags.empty());
    }

    /**
     * Binds a scheduler's figures under a name, with extra tags on every meter.
     *
     * @param scheduler the scheduler
     * @param name its name in the tags
     * @param tags the tags
     * @return the binder
     */
    public static ProcessSchedulerMetrics of(
            final ProcessScheduler scheduler, final String name, final Iterable<Tag> tags) {
        return new ProcessSchedulerMetrics(scheduler, name, tags);
    }

    /**
     * Wraps an outcome handler so that each {@link Outcome.TimedOut} records how late its kill came into the
     * {@code weft.process.kill.lateness} timer of every registry this binder is bound to, before the handler runs.
     *
     * @param handler the handler to run after recording
     * @return the wrapping handler, for {@code ProcessScheduler.builder().handler(type, ...)} or
     *     {@code fallbackHandler(...)}
     */
    public OutcomeHandler recording(final OutcomeHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return outcome -> {
            if (outcome instanceof Outcome.TimedOut timedOut) {
                for (final Timer timer : killLateness) {
                    timer.record(timedOut.late());
                }
            }
            handler.onOutcome(outcome);
        };
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        gauge(registry, "weft.process.queued", "Tasks waiting to run", "tasks", ProcessSchedulerStats::queued);
        gauge(
                registry,
                "weft.process.running",
                "Tasks running on workers or as commands",
                "tasks",
                ProcessSchedulerStats::running);
        gauge(
                registry,
                "weft.process.workers.ready",
                "Worker processes alive and past their start handshake",
                "workers",
                ProcessSchedulerStats::workersReady);
        counter(
                registry,
                "weft.process.worker.starts",
                "Worker processes started, replacements included",
                Tags.empty(),
                ProcessSchedulerStats::workerStarts);
        counter(
                registry,
                "weft.process.worker.crashes",
                "Worker processes that died without being asked to",
                Tags.empty(),
                ProcessSchedulerStats::workerCrashes);
        outcome(registry, "ok", ProcessSchedulerStats::ok);
        outcome(registry, "failed", ProcessSchedulerStats::failed);
        outcome(registry, "timed_out", ProcessSchedulerStats::timedOut);
        outcome(registry, "worker_crashed", ProcessSchedulerStats::crashed);
        outcome(registry, "cancelled", ProcessSchedulerStats::cancelled);
        outcome(registry, "rejected", ProcessSchedulerStats::rejected);
        outcome(registry, "worker_unavailable", ProcessSchedulerStats::unavailable);
        killLateness.add(Timer.builder("weft.process.kill.lateness")
                .tags(tags)
                .description("How long after its deadline a timed-out task was killed")
                .register(registry));
    }

    private void outcome(
            final MeterRegistry registry, final String kind, final ToLongFunction<ProcessSchedulerStats> count) {
        counter(
                registry,
                "weft.process.outcomes",
                "Tasks that reached an outcome, by kind",
                Tags.of("outcome", kind),
                count);
    }

    private void gauge(
            final MeterRegistry registry,
            final String name,
            final String description,
            final String unit,
            final ToLongFunction<ProcessSchedulerStats> value) {
        Gauge.builder(name, scheduler, s -> value.applyAsLong(s.stats()))
                .tags(tags)
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }

    private void counter(
            final MeterRegistry registry,
            final String name,
            final String description,
            final Tags extra,
            final ToLongFunction<ProcessSchedulerStats> value) {
        FunctionCounter.builder(name, scheduler, s -> value.applyAsLong(s.stats()))
                .tags(tags.and(extra))
                .description(description)
                .register(registry);
    }
}

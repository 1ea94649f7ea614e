package dev.weft.micrometer;

import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.StrandStats;
import dev.weft.reactor.TaskletStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * Binds a {@link ReactorGroup}'s figures to a registry: per reactor its busy and idle time, passes, sleeps and
 * wake-ups, its strand count and its effective mode; optionally, per strand, its busy and idle time and, per tasklet,
 * its runs and busy time. Strand and tasklet meters follow the group by themselves: each time the registry reads the
 * reactors' {@code weft.reactor.strands} gauges (every publish or scrape), meters are made for strands and tasklets
 * that arrived, for at most {@code maxStrands} strands, and removed for those gone; {@link #refresh()} does the same
 * at once. Thread-safe.
 */
public final class ReactorGroupMetrics implements MeterBinder {

    /*
     * Implementation overview. Every meter is a function meter over the reactor or strand it describes: the registry
     * reads stats() when it publishes, so weft's threads do no work for Micrometer. Reactor meters are fixed at
     * binding (a group's reactors do not change). Strand meters are kept per registry in a map from strand id to its
     * meters, and each strand's tasklet meters in a map from tasklet id; a refresh walks the group's reactors, adds
     * meters for new strands while the cap allows and for their new tasklets, and removes those of strands and
     * tasklets that are gone. Micrometer has no hook for "about to publish", so the weft.reactor.strands gauge, which
     * every publish reads, runs the refresh of its registry before it answers: meters made there appear in that
     * publish or the next, depending on whether the registry had already listed its meters. A registry that reads a
     * gauge while registering a meter would re-enter the refresh on the same thread; a flag makes that a no-op.
     * Times are reported in seconds, as Micrometer's base unit.
     */

    private static final double NANOS_PER_SECOND = 1e9;
    private static final TaskletStats GONE = new TaskletStats("gone", 0, 0, 0, 0, -1, 0, false, 0, false);

    private final ReactorGroup group;
    private final Tags tags;
    private final int maxStrands;
    private final boolean tasklets;
    private final List<Bound> bound = new CopyOnWriteArrayList<>();

    private ReactorGroupMetrics(final Builder builder) {
        this.group = builder.group;
        this.tags = builder.tags.and("group", group.name());
        this.maxStrands = builder.maxStrands;
        this.tasklets = builder.tasklets;
    }

    /**
     * Starts binding a group; by default only reactor meters are made.
     *
     * @param group the group
     * @return a builder
     */
    public static Builder builder(final ReactorGroup group) {
        return new Builder(Objects.requireNonNull(group, "group"));
    }

    /**
     * Binds reactor meters for a group, without strand or tasklet meters.
     *
     * @param group the group
     * @return the binder
     */
    public static ReactorGroupMetrics of(final ReactorGroup group) {
        return builder(group).build();
    }

    @Override
    public void bindTo(final MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        final Bound strands = new Bound(registry);
        for (final Reactor reactor : group.reactors()) {
            bindReactor(strands, reactor);
        }
        bound.add(strands);
        strands.refresh();
    }

    /**
     * Adds meters now for strands and tasklets that joined the group since the last refresh (within the cap) and
     * removes those of strands and tasklets that closed or left; a no-op when strand meters are off. Publishing does
     * this by itself; call it to see the meters before the next publish.
     */
    public void refresh() {
        for (final Bound registry : bound) {
            registry.refresh();
        }
    }

    private void bindReactor(final Bound strands, final Reactor reactor) {
        final MeterRegistry registry = strands.registry;
        final Tags reactorTags = tags.and("reactor", reactor.name());
        seconds(
                registry,
                "weft.reactor.busy",
                "Time the reactor spent in passes that did work",
                reactor,
                r -> r.stats().busyNanos(),
                reactorTags);
        seconds(
                registry,
                "weft.reactor.idle",
                "Time the reactor spent in passes without work and asleep",
                reactor,
                r -> r.stats().idleNanos(),
                reactorTags);
        FunctionCounter.builder("weft.reactor.passes", reactor, r -> r.stats().loops())
                .tags(reactorTags)
                .description("Passes of the reactor loop")
                .register(registry);
        FunctionCounter.builder("weft.reactor.sleeps", reactor, r -> r.stats().sleeps())
                .tags(reactorTags)
                .description("Sleeps and interrupt-mode waits")
                .register(registry);
        FunctionCounter.builder("weft.reactor.wakeups", reactor, r -> r.stats().wakeups())
                .tags(reactorTags)
                .description("Sleeps ended early by a post, a signal or a ready channel")
                .register(registry);
        Gauge.builder("weft.reactor.strands", reactor, r -> {
                    strands.refresh();
                    return r.strands().size();
                })
                .tags(reactorTags)
                .description("Strands placed on the reactor")
                .baseUnit("strands")
                .register(registry);
        for (final ReactorMode mode : List.of(ReactorMode.POLL, ReactorMode.SLEEP, ReactorMode.INTERRUPT)) {
            Gauge.builder("weft.reactor.mode", reactor, r -> r.effectiveMode() == mode ? 1 : 0)
                    .tags(reactorTags.and("mode", mode.name().toLowerCase(Locale.ROOT)))
                    .description("1 for the mode the reactor used on its last idle pass, 0 for the others")
                    .register(registry);
        }
    }

    private static <T> FunctionCounter seconds(
            final MeterRegistry registry,
            final String name,
            final String description,
            final T source,
            final ToLongFunction<T> nanos,
            final Iterable<Tag> tags) {
        return FunctionCounter.builder(name, source, s -> nanos.applyAsLong(s) / NANOS_PER_SECOND)
                .baseUnit("seconds")
                .tags(tags)
                .description(description)
                .register(registry);
    }

    /** The strand and tasklet meters made in one registry, kept in step with the group. */
    private final class Bound {
        private final MeterRegistry registry;
        private final Map<Long, StrandMeters> strands = new HashMap<>();
        private boolean refreshing; // guarded by this: a registry that reads a meter while registering one

        Bound(final MeterRegistry registry) {
            this.registry = registry;
        }

        synchronized void refresh() {
            if (maxStrands == 0 || refreshing) {
                return;
            }
            refreshing = true;
            try {
                reconcile();
            } finally {
                refreshing = false;
            }
        }

        private void reconcile() {
            final Map<Long, Strand> present = new HashMap<>();
            for (final Reactor reactor : group.reactors()) {
                for (final Strand strand : reactor.strands()) {
                    present.put(strand.id(), strand);
                }
            }
            strands.entrySet().removeIf(entry -> {
                if (present.containsKey(entry.getKey())) {
                    return false;
                }
                entry.getValue().removeAll();
                return true;
            });
            for (final Strand strand : present.values()) {
                final StrandMeters meters = strands.get(strand.id());
                if (meters != null) {
                    meters.followTasklets();
                } else if (strands.size() < maxStrands) {
                    strands.put(strand.id(), new StrandMeters(strand));
                }
            }
        }

        /** The meters of one strand: its own two, and two per tasklet it has now. */
        private final class StrandMeters {
            private final Strand strand;
            private final Tags strandTags;
            private final List<Meter> own = new ArrayList<>();
            private final Map<Long, List<Meter>> tasklets = new HashMap<>();

            StrandMeters(final Strand strand) {
                this.strand = strand;
                this.strandTags = tags.and("strand", strand.name()).and("strand.id", Long.toString(strand.id()));
                own.add(seconds(
                        registry,
                        "weft.strand.busy",
                        "Time the strand's work ran and did work",
                        strand,
                        s -> s.stats().busyNanos(),
                        strandTags));
                own.add(seconds(
                        registry,
                        "weft.strand.idle",
                        "Time the strand was polled without work or slept",
                        strand,
                        s -> s.stats().idleNanos(),
                        strandTags));
                followTasklets();
            }

            void followTasklets() {
                if (!ReactorGroupMetrics.this.tasklets) {
                    return;
                }
                final Map<Long, TaskletStats> present = new HashMap<>();
                for (final TaskletStats tasklet : strand.stats().tasklets()) {
                    present.put(tasklet.id(), tasklet);
                }
                tasklets.entrySet().removeIf(entry -> {
                    if (present.containsKey(entry.getKey())) {
                        return false;
                    }
                    entry.getValue().forEach(registry::remove);
                    return true;
                });
                for (final TaskletStats tasklet : present.values()) {
                    tasklets.computeIfAbsent(tasklet.id(), id -> bindTasklet(tasklet));
                }
            }

            private List<Meter> bindTasklet(final TaskletStats tasklet) {
                final Tags taskletTags = strandTags.and("tasklet", tasklet.name());
                final long id = tasklet.id();
                return List.of(
                        FunctionCounter.builder(
                                        "weft.tasklet.runs",
                                        strand,
                                        s -> tasklet(s, id).runs())
                                .tags(taskletTags)
                                .description("Polls of the tasklet")
                                .register(registry),
                        seconds(
                                registry,
                                "weft.tasklet.busy",
                                "Time the tasklet's polls did work",
                                strand,
                                s -> tasklet(s, id).busyNanos(),
                                taskletTags));
            }

            void removeAll() {
                own.forEach(registry::remove);
                tasklets.values().forEach(meters -> meters.forEach(registry::remove));
            }
        }
    }

    private static TaskletStats tasklet(final Strand strand, final long id) {
        final StrandStats stats = strand.stats();
        for (final TaskletStats tasklet : stats.tasklets()) {
            if (tasklet.id() == id) {
                return tasklet;
            }
        }
        return GONE;
    }

    /** Collects the settings of a {@link ReactorGroupMetrics}; not thread-safe. */
    public static final class Builder {
        private final ReactorGroup group;
        private Tags tags = Tags.empty();
        private int maxStrands;
        private boolean tasklets;

        private Builder(final ReactorGroup group) {
            this.group = group;
        }

        /**
         * Adds tags to every meter.
         *
         * @param extra the tags
         * @return this builder
         */
        public Builder tags(final Iterable<Tag> extra) {
            this.tags = tags.and(Objects.requireNonNull(extra, "tags"));
            return this;
        }

        /**
         * Makes strand meters for at most {@code max} strands at a time (default 0: none).
         *
         * @param max the cap on strands with meters, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is negative
         */
        public Builder strands(final int max) {
            if (max < 0) {
                throw new IllegalArgumentException("the strand cap must be 0 or more, not " + max);
            }
            this.maxStrands = max;
            return this;
        }

        /**
         * Adds, for each strand with meters, meters for its tasklets, following them as they come and go (default
         * off).
         *
         * @param enabled whether to make tasklet meters
         * @return this builder
         */
        public Builder tasklets(final boolean enabled) {
            this.tasklets = enabled;
            return this;
        }

        /**
         * Builds the binder.
         *
         * @return the binder; bind it with {@link ReactorGroupMetrics#bindTo}
         */
        public ReactorGroupMetrics build() {
            return new ReactorGroupMetrics(this);
        }
    }
}

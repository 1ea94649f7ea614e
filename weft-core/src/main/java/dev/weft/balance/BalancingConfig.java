package dev.weft.balance;

import dev.weft.platform.CpuSet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.Strand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * How a {@link BalancingRound} starts: the balancer and period, the scheduling reactor and the isolated CPUs
 * ({@code scheduler_set_options}), where governors come from, the options other balancers start with when first
 * chosen, MTL's loop budgets, and who hears of the round's changes. Built with {@link #builder()}; immutable and
 * safe to share. Defaults are SPDK's: {@code static}, a period of 1 s, reactor 0 schedules, nothing isolated, no
 * governor, no presets.
 */
public final class BalancingConfig {

    /** SPDK's default period, µs. */
    public static final long DEFAULT_PERIOD_MICROS = 1_000_000;

    /** The longest period, µs: one day. */
    public static final long MAX_PERIOD_MICROS = 86_400_000_000L;

    private final Balancer balancer;
    private final long periodMicros;
    private final int schedulingReactor;
    private final CpuSet isolated;
    private final GovernorProvider governors;
    private final Map<String, Balancer> presets;
    private final ToLongFunction<Strand> loopBudgets;
    private final BalancingListener listener;

    private BalancingConfig(final Builder builder) {
        this.balancer = builder.balancer;
        this.periodMicros = builder.periodMicros;
        this.schedulingReactor = builder.schedulingReactor;
        this.isolated = builder.isolated;
        this.governors = builder.governors;
        this.presets = Map.copyOf(builder.presets);
        this.loopBudgets = builder.loopBudgets;
        this.listener = builder.listener;
    }

    /**
     * Starts a configuration with SPDK's defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a configuration with this one's settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        final Builder builder = new Builder();
        builder.balancer = balancer;
        builder.periodMicros = periodMicros;
        builder.schedulingReactor = schedulingReactor;
        builder.isolated = isolated;
        builder.governors = governors;
        builder.presets.putAll(presets);
        builder.loopBudgets = loopBudgets;
        builder.listener = listener;
        return builder;
    }

    /**
     * Returns the balancer the round starts with.
     *
     * @return the balancer
     */
    public Balancer balancer() {
        return balancer;
    }

    /**
     * Returns the period the round starts with, µs; 0 turns the periodic round off.
     *
     * @return the period
     */
    public long periodMicros() {
        return periodMicros;
    }

    /**
     * Returns the index of the reactor that runs the round and gathers idle strands (SPDK's
     * {@code scheduling_core}).
     *
     * @return the reactor index
     */
    public int schedulingReactor() {
        return schedulingReactor;
    }

    /**
     * Returns the CPUs of the reactors that take no moves in or out.
     *
     * @return the isolated CPUs
     */
    public CpuSet isolated() {
        return isolated;
    }

    /**
     * Returns where a balancer that uses a governor gets one.
     *
     * @return the provider
     */
    public GovernorProvider governors() {
        return governors;
    }

    /**
     * Returns the balancers, with their options, that names resolve to when first chosen.
     *
     * @return balancer name → balancer
     */
    public Map<String, Balancer> presets() {
        return presets;
    }

    /**
     * Returns each strand's loop budget, from which {@code mtl} scores it busy.
     *
     * @return strand → budget in nanoseconds
     */
    public ToLongFunction<Strand> loopBudgets() {
        return loopBudgets;
    }

    /**
     * Returns who hears of the round's mode switches and moves.
     *
     * @return the listener
     */
    public BalancingListener listener() {
        return listener;
    }

    /**
     * Checks the scheduling reactor and the isolated CPUs against a group, as {@code scheduler_set_options} does.
     *
     * @param group the group the round would balance
     * @return this configuration
     * @throws IllegalArgumentException naming the reactor or CPU at fault
     */
    public BalancingConfig checkFor(final ReactorGroup group) {
        final List<Reactor> reactors = group.reactors();
        if (schedulingReactor >= reactors.size()) {
            throw new IllegalArgumentException("scheduling reactor " + schedulingReactor + " is outside [0, "
                    + reactors.size() + ") of group '" + group.name() + "'");
        }
        final CpuSet.Builder all = new CpuSet.Builder();
        reactors.forEach(r -> all.add(r.cpu()));
        final CpuSet reactorCpus = all.build();
        if (!reactorCpus.containsAll(isolated)) {
            throw new IllegalArgumentException("isolated CPUs " + isolated.toList() + " include "
                    + isolated.minus(reactorCpus).toList() + ", which no reactor of group '" + group.name()
                    + "' runs on (reactor CPUs: " + reactorCpus.toList() + ")");
        }
        if (isolated.contains(reactors.get(schedulingReactor).cpu())) {
            throw new IllegalArgumentException("scheduling reactor " + schedulingReactor + " (CPU "
                    + reactors.get(schedulingReactor).cpu() + ") may not be isolated");
        }
        return this;
    }

    static void checkPeriod(final long micros) {
        if (micros < 0 || micros > MAX_PERIOD_MICROS) {
            throw new IllegalArgumentException("period " + micros + " µs is outside [0, " + MAX_PERIOD_MICROS + "]");
        }
    }

    /** Collects the settings of a {@link BalancingConfig}; not thread-safe. */
    public static final class Builder {
        private Balancer balancer = new StaticBalancer();
        private long periodMicros = DEFAULT_PERIOD_MICROS;
        private int schedulingReactor;
        private CpuSet isolated = CpuSet.empty();
        private GovernorProvider governors = GovernorProvider.NONE;
        private final Map<String, Balancer> presets = new LinkedHashMap<>();
        private ToLongFunction<Strand> loopBudgets = strand -> 0;
        private BalancingListener listener = BalancingListener.NONE;

        private Builder() {}

        /**
         * Sets the balancer the round starts with.
         *
         * @param first the balancer
         * @return this builder
         */
        public Builder balancer(final Balancer first) {
            this.balancer = Objects.requireNonNull(first, "balancer");
            return this;
        }

        /**
         * Sets the period the round starts with.
         *
         * @param micros the period in µs; 0 turns the periodic round off
         * @return this builder
         * @throws IllegalArgumentException if the period is negative or over {@link #MAX_PERIOD_MICROS}
         */
        public Builder periodMicros(final long micros) {
            checkPeriod(micros);
            this.periodMicros = micros;
            return this;
        }

        /**
         * Sets the scheduling reactor and the isolated CPUs ({@code scheduler_set_options}); they are checked
         * against the group by {@link BalancingConfig#checkFor} and when the round starts.
         *
         * @param reactorIndex the index of the reactor that runs the round and gathers idle strands
         * @param isolatedCpus CPUs of reactors that take no moves in or out
         * @return this builder
         * @throws IllegalArgumentException if the index is negative
         */
        public Builder schedulingOptions(final int reactorIndex, final CpuSet isolatedCpus) {
            if (reactorIndex < 0) {
                throw new IllegalArgumentException("scheduling reactor " + reactorIndex + " is negative");
            }
            this.schedulingReactor = reactorIndex;
            this.isolated = Objects.requireNonNull(isolatedCpus, "isolatedCpus");
            return this;
        }

        /**
         * Sets where balancers that use a governor get one; without it, {@code gscheduler} cannot be chosen and
         * {@code dynamic} runs without.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder governors(final GovernorProvider provider) {
            this.governors = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Gives balancers the options they start with when their name is first chosen; later ones replace
         * earlier ones of the same name.
         *
         * @param balancers configured balancers
         * @return this builder
         */
        public Builder presets(final Collection<? extends Balancer> balancers) {
            for (final Balancer preset : new ArrayList<>(balancers)) {
                presets.put(preset.name(), preset);
            }
            return this;
        }

        /**
         * Sets each strand's loop budget, the loop time per item it can stand, from which {@code mtl} scores it
         * busy ({@link StrandLoad#loopBudgetNanos()}). Without it every budget is 0 and {@code mtl} finds no busy
         * strand.
         *
         * @param budgets strand → budget in nanoseconds, 0 for a strand never migrated for being busy; called on
         *     the scheduling reactor at each round, so it must be quick and must not block
         * @return this builder
         */
        public Builder loopBudgets(final ToLongFunction<Strand> budgets) {
            this.loopBudgets = Objects.requireNonNull(budgets, "budgets");
            return this;
        }

        /**
         * Sets who hears of the mode switches and moves the round makes.
         *
         * @param observer the listener; it runs on reactor threads, so it must be quick and must not block
         * @return this builder
         */
        public Builder listener(final BalancingListener observer) {
            this.listener = Objects.requireNonNull(observer, "listener");
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @return an immutable configuration
         */
        public BalancingConfig build() {
            return new BalancingConfig(this);
        }
    }
}

package dev.weft.balance;

import java.util.Map;
import java.util.Set;

/**
 * A balancing policy: a pure function from a {@link LoadSnapshot} to a {@link BalancePlan} (SPDK's scheduler
 * implementation, MTL's admin migration).
 *
 * <p>Balancers are immutable: changing options returns a new balancer, so the round can swap policies between two
 * rounds without locks and every policy is tested with synthetic snapshots.
 */
public interface Balancer {

    /**
     * Returns the policy's name as {@code framework_set_scheduler} takes it ({@code "dynamic"}, {@code "static"}).
     *
     * @return the name
     */
    String name();

    /**
     * Decides one round.
     *
     * @param snapshot the load since the previous round
     * @return what to change
     */
    BalancePlan balance(LoadSnapshot snapshot);

    /**
     * Returns the policy's options as {@code framework_get_scheduler} reports them, in a stable order. By default a
     * policy has none.
     *
     * @return option name → value; empty when the policy has none
     */
    default Map<String, Object> options() {
        return Map.of();
    }

    /**
     * Returns a balancer with some options changed; options not named keep their values. Every option is checked
     * before any takes effect.
     *
     * @param changes option name → new value
     * @param current the latest snapshot, for options that name strands or reactors
     * @return the changed balancer
     * @throws IllegalArgumentException naming the option and the fault when an option is unknown or its value is
     *     out of range or malformed; by default every option is unknown, as for SPDK's policies without
     *     {@code set_opts}
     */
    default Balancer withOptions(final Map<String, Object> changes, final LoadSnapshot current) {
        Options.requireKnown(name(), changes, Set.of());
        return this;
    }

    /**
     * Whether the round calls this policy every period; a policy that is not periodic (static) runs once when it
     * is chosen and once after each change of its options.
     *
     * @return true for a periodic policy
     */
    default boolean periodic() {
        return true;
    }

    /**
     * Whether the policy installs a governor when it is chosen (SPDK's {@code init}) and drops it when switched
     * away (SPDK's {@code deinit}). By default it uses none.
     *
     * @return how the policy needs a governor
     */
    default GovernorNeed governorNeed() {
        return GovernorNeed.NONE;
    }

    /** How a balancer needs a {@link Governor}. */
    enum GovernorNeed {
        /** It uses none (SPDK's {@code static}). */
        NONE,
        /** It installs one if it can and runs without otherwise (SPDK's {@code dynamic}). */
        OPTIONAL,
        /** It cannot be chosen without one (SPDK's {@code gscheduler}). */
        REQUIRED
    }
}

package dev.weft.rpc.methods;

import dev.weft.balance.Balancer;
import dev.weft.balance.Balancers;
import dev.weft.balance.BalancingConfig;
import dev.weft.balance.Governor;
import dev.weft.balance.LoadSnapshot;
import dev.weft.balance.ReactorLoad;
import dev.weft.reactor.ReactorGroup;
import dev.weft.rpc.RpcError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code framework_set_scheduler} calls made in the start-up state (SPDK's {@code --wait-for-rpc}), before the
 * balancing round exists: checked as the round would check them, remembered, reported by
 * {@code framework_get_scheduler}, and handed to the round by {@code framework_start_init}. Not thread-safe: its
 * owner calls it under a lock.
 */
final class StartupChoice {

    /*
     * Implementation overview. The same rules as the running round's: each balancer keeps its options across
     * choices, the period is the framework's (0 keeps it, or sets 1 s when it is 0; static, not periodic, reads 0
     * as SPDK's static sets it), and a balancer that requires a governor is refused (-32603) when the provider
     * cannot open one. The governor is opened only to check and report it, then closed: the round opens its own
     * when it starts. Static mappings name strands, and there are none to name before start-up ends, so they are
     * refused with that reason. SPDK has no scheduler before initialization, so scheduler_name is left out until a
     * choice is made.
     */

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ReactorGroup group;
    private final Map<String, Balancer> balancers = new HashMap<>();
    private String name;
    private long periodMicros;
    private Optional<String> governorName = Optional.empty();

    StartupChoice(final ReactorGroup group) {
        this.group = group;
    }

    void choose(final SchedulerParams params, final BalancingConfig config) {
        final boolean same = params.name().equals(name);
        Balancer next = balancers.get(params.name());
        if (next == null) {
            next = config.presets().getOrDefault(params.name(), Balancers.of(params.name()));
        }
        if (!params.options().isEmpty()) {
            try {
                next = next.withOptions(params.options(), idleSnapshot(config));
            } catch (final IllegalArgumentException e) {
                throw new RpcError(
                        RpcError.INTERNAL_ERROR,
                        e.getMessage()
                                + (params.options().containsKey("mappings")
                                        ? " (static mappings name running strands: set them after framework_start_init)"
                                        : ""));
            }
        }
        final Optional<String> governor = same ? governorName : probeGovernor(next, config);
        long period = params.periodMicros() != 0
                ? params.periodMicros()
                : periodMicros == 0 ? BalancingConfig.DEFAULT_PERIOD_MICROS : periodMicros;
        if (!next.periodic()) {
            period = 0;
        }
        balancers.put(params.name(), next);
        name = params.name();
        periodMicros = period;
        governorName = governor;
    }

    /** Opens and closes the governor a balancer would install, as SPDK's init would set it. */
    private static Optional<String> probeGovernor(final Balancer next, final BalancingConfig config) {
        if (next.governorNeed() == Balancer.GovernorNeed.NONE) {
            return Optional.empty();
        }
        try (Governor governor = config.governors().open()) {
            return Optional.of(governor.name());
        } catch (final RuntimeException e) {
            if (next.governorNeed() == Balancer.GovernorNeed.OPTIONAL) {
                return Optional.empty();
            }
            throw new RpcError(
                    RpcError.INTERNAL_ERROR,
                    "balancer '" + next.name() + "' cannot install its " + "governor: " + e.getMessage());
        }
    }

    BalancingConfig applyTo(final BalancingConfig config) {
        if (name == null) {
            return config;
        }
        return config.toBuilder()
                .presets(balancers.values())
                .balancer(balancers.get(name))
                .periodMicros(periodMicros)
                .build();
    }

    JsonNode report(final BalancingConfig config) {
        final ObjectNode result = NODES.objectNode();
        if (name != null) {
            result.put("scheduler_name", name);
        }
        result.put("scheduler_period", periodMicros);
        result.put("isolated_core_mask", config.isolated().toMask());
        result.put("scheduling_core", group.reactor(config.schedulingReactor()).cpu());
        governorName.ifPresent(governor -> result.put("governor_name", governor));
        if (name != null) {
            balancers.get(name).options().forEach((key, value) -> result.set(key, SchedulerMethods.toJson(value)));
        }
        return result;
    }

    /** The reactors with no load and no strands: what options are checked against before the round starts. */
    private LoadSnapshot idleSnapshot(final BalancingConfig config) {
        return new LoadSnapshot(
                group.reactors().stream()
                        .map(r -> ReactorLoad.of(r.index(), 0, 0))
                        .toList(),
                List.of(),
                config.schedulingReactor());
    }
}

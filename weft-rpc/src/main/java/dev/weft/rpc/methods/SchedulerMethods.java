package dev.weft.rpc.methods;

import dev.weft.balance.Balancer;
import dev.weft.balance.BalancingInfo;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.Balancers;
import dev.weft.balance.Governor;
import dev.weft.balance.LoadSnapshot;
import dev.weft.balance.ReactorLoad;
import dev.weft.platform.CpuSet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SPDK's scheduler methods over a {@link BalancingRound}: {@code framework_set_scheduler},
 * {@code framework_get_scheduler}, {@code scheduler_set_options} (start-up only), {@code framework_get_governor},
 * and {@code framework_start_init}, which ends start-up.
 *
 * <p><b>Implementation overview.</b> SPDK's cores are weft's reactors, named by their CPU ({@code lcore}), so
 * {@code scheduling_core} and {@code isolated_core_mask} are read and written as CPUs and mapped to reactor indices.
 * Static {@code mappings} name cores too and are translated to reactor indices. {@code framework_set_scheduler}
 * decodes as SPDK does, relaxed: keys it does not know are ignored. The options
 * {@code load_limit}, {@code core_limit}, {@code core_busy} and {@code mappings} go to the balancer; like SPDK, a zero
 * or empty value of an option the chosen balancer does not have is ignored, and a non-zero one is an error
 * (-32603, naming it). Unknown balancer names are -32603 too, as in SPDK. The switch itself runs on the round's
 * strand; the method waits for it (at most 10 s) so that the answer says whether it took effect. Start-up options
 * are remembered here, since the round reports nothing before it starts; a field left out keeps its last value
 * (SPDK's until set: reactor 0 schedules, nothing isolated). In the start-up state, as in SPDK under
 * {@code --wait-for-rpc}, {@code framework_set_scheduler} checks the choice (name, options, ranges) and remembers
 * it, {@code framework_get_scheduler} reports it (without {@code scheduler_name} before any choice, as SPDK has no
 * scheduler then), and {@code framework_start_init} applies it once the round has started.
 */
public final class SchedulerMethods {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> OPTION_KEYS = List.of("load_limit", "core_limit", "core_busy", "mappings");

    private final ReactorGroup group;
    private final BalancingRound round;
    private final Optional<Governor> governor;
    private final RpcRegistry registry;
    private final Runnable startRuntime;
    private int schedulingReactor;
    private CpuSet isolated = CpuSet.empty();
    private Chosen chosen;

    private SchedulerMethods(final ReactorGroup group, final BalancingRound round, final Optional<Governor> governor,
            final RpcRegistry registry, final Runnable startRuntime) {
        this.group = group;
        this.round = round;
        this.governor = governor;
        this.registry = registry;
        this.startRuntime = startRuntime;
    }

    /**
     * Registers the methods.
     *
     * @param registry where to register them
     * @param group the reactor group the round balances
     * @param round the balancing round (started by {@code startRuntime} when the registry starts in STARTUP)
     * @param governor the governor the round uses, if any
     * @param startRuntime what {@code framework_start_init} runs before the state becomes RUNTIME (starting the
     *     round, for example)
     * @return the methods
     */
    public static SchedulerMethods register(final RpcRegistry registry, final ReactorGroup group,
            final BalancingRound round, final Optional<Governor> governor, final Runnable startRuntime) {
        final SchedulerMethods methods = new SchedulerMethods(group, round, governor, registry, startRuntime);
        registry.register("framework_set_scheduler", EnumSet.of(RpcState.STARTUP, RpcState.RUNTIME),
                methods::setScheduler);
        registry.register("framework_get_scheduler", EnumSet.of(RpcState.STARTUP, RpcState.RUNTIME),
                methods::getScheduler);
        registry.runtime("framework_get_governor", methods::getGovernor);
        registry.register("scheduler_set_options", EnumSet.of(RpcState.STARTUP), methods::setOptions);
        registry.register("framework_start_init", EnumSet.of(RpcState.STARTUP), methods::startInit);
        return methods;
    }

    private JsonNode setScheduler(final JsonNode params) {
        if (params == null || !params.isObject() || !params.path("name").isString()) {
            throw RpcError.invalidParams("'framework_set_scheduler' needs the parameter 'name' (a string)");
        }
        final String name = params.get("name").asString();
        long period = 0;
        if (params.has("period")) {
            period = Params.integer("framework_set_scheduler", params, "period");
            if (period < 0) {
                throw RpcError.invalidParams("'framework_set_scheduler' parameter 'period' must not be negative");
            }
        }
        if (!Balancers.names().contains(name)) {
            throw new RpcError(RpcError.INTERNAL_ERROR, "unknown balancer '" + name + "'; known are "
                    + Balancers.names());
        }
        final Set<String> accepted = Balancers.of(name).options().keySet();
        final Map<String, Object> options = new LinkedHashMap<>();
        for (final String key : OPTION_KEYS) {
            final JsonNode value = params.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            final Object decoded = value.isIntegralNumber() ? (Object) value.asLong()
                    : value.isNumber() ? (Object) value.asDouble() : value.isString() ? value.asString() : value;
            final boolean zero = (decoded instanceof Long l && l == 0) || (decoded instanceof String s && s.isEmpty());
            if (zero && !accepted.contains(key)) {
                continue;
            }
            options.put(key, key.equals("mappings") && decoded instanceof String text ? reactorIndices(text) : decoded);
        }
        if (registry.state() == RpcState.STARTUP) {
            return choose(name, period, options);
        }
        return apply(name, period, options);
    }

    /**
     * Remembers a choice made in the start-up state, checked as the round would check it, for
     * {@code framework_start_init} to apply; the same name again keeps the options chosen before, as at run time.
     */
    private synchronized JsonNode choose(final String name, final long period, final Map<String, Object> options) {
        final boolean same = chosen != null && chosen.name().equals(name);
        Balancer next = same ? chosen.balancer() : Balancers.of(name);
        final Map<String, Object> merged = new LinkedHashMap<>(same ? chosen.options() : Map.of());
        if (!options.isEmpty()) {
            try {
                next = next.withOptions(options, idleSnapshot());
            } catch (final IllegalArgumentException e) {
                throw new RpcError(RpcError.INTERNAL_ERROR, e.getMessage()
                        + (options.containsKey("mappings") ? " (static mappings name running strands: set them "
                        + "after framework_start_init)" : ""));
            }
            merged.putAll(options);
        }
        final long chosenPeriod = period != 0 ? period
                : same && chosen.periodMicros() != 0 ? chosen.periodMicros() : BalancingRound.DEFAULT_PERIOD_MICROS;
        chosen = new Chosen(name, chosenPeriod, merged, next);
        return BooleanNode.TRUE;
    }

    private JsonNode apply(final String name, final long period, final Map<String, Object> options) {
        try {
            round.setBalancer(name, period, options).get(10, TimeUnit.SECONDS);
            return BooleanNode.TRUE;
        } catch (final ExecutionException | CompletionException e) {
            throw new RpcError(RpcError.INTERNAL_ERROR, e.getCause().getMessage());
        } catch (final TimeoutException e) {
            throw new RpcError(RpcError.INTERNAL_ERROR, "the balancing round did not take the change within 10 s");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL_ERROR, "interrupted while switching the balancer");
        }
    }

    /**
     * SPDK's mappings name cores ({@code "thread:lcore"}); the balancer's name reactor indices. Pairs are translated
     * one by one; a CPU that no reactor runs on is refused here, naming it.
     */
    private String reactorIndices(final String mappings) {
        final StringBuilder translated = new StringBuilder();
        for (final String pair : mappings.split(",", -1)) {
            final int colon = pair.lastIndexOf(':');
            if (!translated.isEmpty()) {
                translated.append(',');
            }
            if (colon < 0) {
                translated.append(pair);
                continue;
            }
            final String core = pair.substring(colon + 1).strip();
            final Optional<Reactor> reactor = group.reactors().stream()
                    .filter(r -> String.valueOf(r.cpu()).equals(core)).findFirst();
            if (reactor.isEmpty() && core.chars().allMatch(Character::isDigit) && !core.isEmpty()) {
                throw new RpcError(RpcError.INTERNAL_ERROR, "mappings '" + mappings + "': no reactor runs on core "
                        + core);
            }
            translated.append(pair, 0, colon + 1).append(reactor.map(r -> String.valueOf(r.index())).orElse(core));
        }
        return translated.toString();
    }

    private JsonNode getScheduler(final JsonNode params) {
        Params.none("framework_get_scheduler", params);
        if (registry.state() == RpcState.STARTUP) {
            return chosenScheduler();
        }
        final BalancingInfo info = round.info();
        final ObjectNode result = NODES.objectNode();
        result.put("scheduler_name", info.balancerName());
        result.put("scheduler_period", info.periodMicros());
        result.put("isolated_core_mask", info.isolated().toMask());
        result.put("scheduling_core", group.reactor(info.schedulingReactor()).cpu());
        info.governorName().ifPresent(governorName -> result.put("governor_name", governorName));
        info.options().forEach((key, value) -> result.set(key, toJson(value)));
        return result;
    }

    private synchronized JsonNode setOptions(final JsonNode params) {
        final JsonNode object = Params.object("scheduler_set_options", params, Set.of(),
                Set.of("scheduling_core", "isolated_core_mask"));
        int newScheduling = schedulingReactor;
        CpuSet newIsolated = isolated;
        if (object.has("scheduling_core")) {
            final long cpu = Params.integer("scheduler_set_options", object, "scheduling_core");
            newScheduling = group.reactors().stream().filter(r -> r.cpu() == cpu).mapToInt(Reactor::index)
                    .findFirst().orElseThrow(() -> RpcError.invalidParams("scheduling_core " + cpu
                            + " is not the CPU of a reactor"));
        }
        if (object.has("isolated_core_mask")) {
            if (!object.get("isolated_core_mask").isString()) {
                throw RpcError.invalidParams("'scheduler_set_options' parameter 'isolated_core_mask' must be a "
                        + "string mask");
            }
            try {
                newIsolated = CpuSet.parseMask(object.get("isolated_core_mask").asString());
            } catch (final IllegalArgumentException e) {
                throw RpcError.invalidParams(e.getMessage());
            }
        }
        try {
            round.schedulingOptions(newScheduling, newIsolated);
        } catch (final IllegalArgumentException | IllegalStateException e) {
            throw RpcError.invalidParams(e.getMessage());
        }
        schedulingReactor = newScheduling;
        isolated = newIsolated;
        return BooleanNode.TRUE;
    }

    private JsonNode startInit(final JsonNode params) {
        Params.none("framework_start_init", params);
        startRuntime.run();
        final Chosen choice;
        synchronized (this) {
            choice = chosen;
            chosen = null;
        }
        if (choice != null) {
            apply(choice.name(), choice.periodMicros(), choice.options());
        }
        registry.state(RpcState.RUNTIME);
        return BooleanNode.TRUE;
    }

    /** The reactors with no load and no strands: what options are checked against before the round starts. */
    private LoadSnapshot idleSnapshot() {
        return new LoadSnapshot(group.reactors().stream().map(r -> ReactorLoad.of(r.index(), 0, 0)).toList(),
                List.of(), schedulingReactor);
    }

    /**
     * What {@code framework_get_scheduler} answers in the start-up state: SPDK has no scheduler before
     * initialization, so {@code scheduler_name} is left out until one is chosen.
     */
    private synchronized JsonNode chosenScheduler() {
        final ObjectNode result = NODES.objectNode();
        if (chosen != null) {
            result.put("scheduler_name", chosen.name());
        }
        result.put("scheduler_period", chosen == null ? 0 : chosen.periodMicros());
        result.put("isolated_core_mask", isolated.toMask());
        result.put("scheduling_core", group.reactor(schedulingReactor).cpu());
        if (chosen != null) {
            chosen.balancer().options().forEach((key, value) -> result.set(key, toJson(value)));
        }
        return result;
    }

    /** A balancer chosen in the start-up state: its name, period, the options as given, and the checked result. */
    private record Chosen(String name, long periodMicros, Map<String, Object> options, Balancer balancer) {
    }

    private static JsonNode toJson(final Object value) {
        if (value instanceof Map<?, ?> map) {
            final ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
            return object;
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        return NODES.stringNode(String.valueOf(value));
    }

    private JsonNode getGovernor(final JsonNode params) {
        Params.none("framework_get_governor", params);
        final ObjectNode result = NODES.objectNode();
        if (governor.isEmpty()) {
            return result;
        }
        final Governor active = governor.get();
        result.put("governor_name", active.name());
        result.set("module_specific", toJson(active.info()));
        final ArrayNode cores = result.putArray("cores");
        for (final Reactor reactor : group.reactors()) {
            try {
                final ObjectNode core = NODES.objectNode();
                core.put("lcore_id", reactor.cpu());
                final ArrayNode available = core.putArray("available_frequencies");
                active.availableFrequencies(reactor.cpu()).forEach(available::add);
                core.put("current_frequency", active.currentFrequency(reactor.cpu()));
                cores.add(core);
            } catch (final IllegalArgumentException notManaged) {
                // SPDK lists only the cores its governor manages.
            }
        }
        return result;
    }
}

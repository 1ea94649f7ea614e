package dev.weft.rpc.methods;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingInfo;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.Governor;
import dev.weft.platform.CpuSet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SPDK's scheduler methods over a {@link BalancingRound}: {@code framework_set_scheduler},
 * {@code framework_get_scheduler}, {@code framework_get_governor}, {@code scheduler_set_options} and
 * {@code framework_start_init}; the last two answer only in the start-up state (-1 otherwise, as SPDK's), and
 * {@code framework_start_init} starts the round and ends start-up.
 * Thread-safe: the methods may be called from any number of connection threads.
 */
public final class SchedulerMethods {

    /*
     * Implementation overview. SPDK's cores are weft's reactors, named by their CPU (lcore), so scheduling_core
     * and isolated_core_mask are read and written as CPUs and mapped to reactor indices. framework_set_scheduler's
     * params are decoded as SPDK decodes them (SchedulerParams); the switch itself runs on the round's strand and
     * the method waits for it (at most 10 s), including the round a switch runs at once, so that the next request
     * sees its moves. Before framework_start_init (SPDK's --wait-for-rpc), the start-up options and the balancer
     * choices are kept by a StartupChoice and checked as the round would check them; framework_start_init hands
     * them to the host's starter as a BalancingConfig and keeps the round it returns.
     */

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SWITCH_TIMEOUT_SECONDS = 10;

    private final ReactorGroup group;
    private final RpcRegistry registry;
    private final Function<BalancingConfig, BalancingRound> starter;
    private final StartupChoice startup;
    private BalancingConfig pending;
    private volatile BalancingRound round;

    private SchedulerMethods(
            final ReactorGroup group,
            final RpcRegistry registry,
            final BalancingConfig pending,
            final Function<BalancingConfig, BalancingRound> starter,
            final BalancingRound round) {
        this.group = group;
        this.registry = registry;
        this.pending = pending;
        this.starter = starter;
        this.round = round;
        this.startup = new StartupChoice(group);
    }

    /**
     * Registers the methods over a running round.
     *
     * @param registry where to register them
     * @param group the reactor group the round balances
     * @param round the running round
     * @return the methods
     */
    public static SchedulerMethods register(
            final RpcRegistry registry, final ReactorGroup group, final BalancingRound round) {
        final SchedulerMethods methods =
                new SchedulerMethods(group, registry, null, null, Objects.requireNonNull(round, "round"));
        methods.registerAll();
        return methods;
    }

    /**
     * Registers the methods for a registry in the start-up state: the round starts when {@code framework_start_init}
     * calls the starter with the configuration as {@code scheduler_set_options} and {@code framework_set_scheduler}
     * left it.
     *
     * @param registry where to register them
     * @param group the reactor group the round will balance
     * @param config the configuration before any start-up call
     * @param starter starts the round (and whatever else the runtime starts with it) and returns it; it runs before
     *     the state becomes RUNTIME
     * @return the methods
     */
    public static SchedulerMethods register(
            final RpcRegistry registry,
            final ReactorGroup group,
            final BalancingConfig config,
            final Function<BalancingConfig, BalancingRound> starter) {
        final SchedulerMethods methods = new SchedulerMethods(
                group, registry, config.checkFor(group), Objects.requireNonNull(starter, "starter"), null);
        methods.registerAll();
        return methods;
    }

    private void registerAll() {
        registry.register("scheduler_set_options", EnumSet.of(RpcState.STARTUP), this::setOptions);
        registry.register("framework_start_init", EnumSet.of(RpcState.STARTUP), this::startInit);
        registry.register(
                "framework_set_scheduler", EnumSet.of(RpcState.STARTUP, RpcState.RUNTIME), this::setScheduler);
        registry.register(
                "framework_get_scheduler", EnumSet.of(RpcState.STARTUP, RpcState.RUNTIME), this::getScheduler);
        registry.runtime("framework_get_governor", this::getGovernor);
    }

    /**
     * Returns the running round, once there is one.
     *
     * @return the round, or empty before {@code framework_start_init}
     */
    public Optional<BalancingRound> round() {
        return Optional.ofNullable(round);
    }

    private JsonNode setScheduler(final JsonNode params) {
        final SchedulerParams decoded = SchedulerParams.decode(params, group);
        final BalancingRound running;
        synchronized (this) {
            running = round;
            if (running == null) {
                startup.choose(decoded, pending);
                return BooleanNode.TRUE;
            }
        }
        apply(running, decoded.name(), decoded.periodMicros(), decoded.options());
        return BooleanNode.TRUE;
    }

    private static void apply(
            final BalancingRound running, final String name, final long period, final Map<String, Object> options) {
        try {
            running.setBalancer(name, period, options).get(SWITCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException | CompletionException e) {
            throw new RpcError(RpcError.INTERNAL_ERROR, e.getCause().getMessage());
        } catch (final TimeoutException e) {
            throw new RpcError(
                    RpcError.INTERNAL_ERROR,
                    "the balancing round did not take the change within " + SWITCH_TIMEOUT_SECONDS + " s");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL_ERROR, "interrupted while switching the balancer");
        }
    }

    private JsonNode getScheduler(final JsonNode params) {
        Params.none("framework_get_scheduler", params);
        final BalancingRound running;
        synchronized (this) {
            running = round;
            if (running == null) {
                return startup.report(pending);
            }
        }
        final BalancingInfo info = running.info();
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
        if (round != null) {
            throw new RpcError(
                    RpcError.INVALID_STATE,
                    "the balancing round runs already; scheduler options can "
                            + "only be set before framework_start_init");
        }
        final JsonNode object = Params.object(
                "scheduler_set_options", params, Set.of(), Set.of("scheduling_core", "isolated_core_mask"));
        int scheduling = pending.schedulingReactor();
        CpuSet isolated = pending.isolated();
        if (object.has("scheduling_core")) {
            final long cpu = Params.integer("scheduler_set_options", object, "scheduling_core");
            scheduling = group.reactors().stream()
                    .filter(r -> r.cpu() == cpu)
                    .mapToInt(Reactor::index)
                    .findFirst()
                    .orElseThrow(
                            () -> RpcError.invalidParams("scheduling_core " + cpu + " is not the CPU of a reactor"));
        }
        if (object.has("isolated_core_mask")) {
            if (!object.get("isolated_core_mask").isString()) {
                throw RpcError.invalidParams(
                        "'scheduler_set_options' parameter 'isolated_core_mask' must be a " + "string mask");
            }
            try {
                isolated = CpuSet.parseMask(object.get("isolated_core_mask").asString());
            } catch (final IllegalArgumentException e) {
                throw RpcError.invalidParams(e.getMessage());
            }
        }
        try {
            pending = pending.toBuilder()
                    .schedulingOptions(scheduling, isolated)
                    .build()
                    .checkFor(group);
        } catch (final IllegalArgumentException e) {
            throw RpcError.invalidParams(e.getMessage());
        }
        return BooleanNode.TRUE;
    }

    /** Starts the round under the lock, so that no start-up choice made meanwhile is lost. */
    private synchronized JsonNode startInit(final JsonNode params) {
        Params.none("framework_start_init", params);
        if (round != null) {
            throw new RpcError(RpcError.INVALID_STATE, "the runtime is started already");
        }
        try {
            round = Objects.requireNonNull(starter.apply(startup.applyTo(pending)), "the starter returned no round");
        } catch (final RuntimeException e) {
            throw new RpcError(RpcError.INTERNAL_ERROR, "the runtime did not start: " + e.getMessage());
        }
        registry.state(RpcState.RUNTIME);
        return BooleanNode.TRUE;
    }

    static JsonNode toJson(final Object value) {
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
        final Optional<Governor> installed = round().flatMap(BalancingRound::governor);
        if (installed.isEmpty()) {
            return result;
        }
        final Governor active = installed.get();
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

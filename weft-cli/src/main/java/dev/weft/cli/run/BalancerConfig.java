package dev.weft.cli.run;

import dev.weft.balance.Balancers;
import dev.weft.balance.BalancingConfig;
import dev.weft.platform.CpuSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The {@code "balancer"} section of a {@code weft run} configuration:
 * <pre>{@code
 * "balancer": {"name": "dynamic", "period_us": 1000000, "options": {"core_limit": 70},
 *              "scheduling_reactor": 0, "isolated_cpus": "", "governor": "simulated"}
 * }</pre>
 * Options are checked against the running strands when the round starts (a static {@code mappings} names strands);
 * a bad one stops the start with the path {@code balancer.options}.
 *
 * @param name the balancer ({@code static}, {@code dynamic}, {@code gscheduler}, {@code mtl})
 * @param periodMicros the round's period in µs, 0 for off
 * @param options the balancer's options
 * @param schedulingReactor the index of the reactor that runs the round
 * @param isolated CPUs of reactors that take no moves
 * @param governor where {@code dynamic} and {@code gscheduler} get their governor when chosen: {@code cpufreq}
 *     (the default), {@code simulated} (changes no hardware; for demos and machines without cpufreq) or
 *     {@code none}
 */
public record BalancerConfig(
        String name,
        long periodMicros,
        Map<String, Object> options,
        int schedulingReactor,
        CpuSet isolated,
        String governor) {

    /** The governors {@code weft run} can start. */
    public static final Set<String> GOVERNORS = Set.of("none", "simulated", "cpufreq");

    /**
     * Checks the fields and copies the options.
     *
     * @param name the balancer
     * @param periodMicros the period
     * @param options the options
     * @param schedulingReactor the scheduling reactor
     * @param isolated the isolated CPUs
     * @param governor the governor
     */
    public BalancerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(isolated, "isolated");
        Objects.requireNonNull(governor, "governor");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * SPDK's default: {@code static}, period 1 s, reactor 0 schedules, nothing isolated, and governors from cpufreq
     * (SPDK's {@code dpdk_governor}): {@code gscheduler} cannot be chosen on a machine without cpufreq, and
     * {@code dynamic} runs without a governor there.
     *
     * @return the default section
     */
    public static BalancerConfig defaults() {
        return new BalancerConfig(
                "static", BalancingConfig.DEFAULT_PERIOD_MICROS, Map.of(), 0, CpuSet.empty(), "cpufreq");
    }

    /**
     * Reads the section.
     *
     * @param node the {@code balancer} object
     * @param reactorCount how many reactors there will be, if known
     * @return the section
     * @throws ConfigException naming the offending field
     */
    static BalancerConfig parse(final JsonNode node, final OptionalInt reactorCount) {
        RunConfig.object(
                node,
                "balancer",
                Set.of("name", "period_us", "options", "scheduling_reactor", "isolated_cpus", "governor"));
        final BalancerConfig base = defaults();
        String name = base.name();
        if (node.has("name")) {
            if (!node.get("name").isString()
                    || !Balancers.names().contains(node.get("name").asString())) {
                throw new ConfigException("balancer.name", "must be one of " + Balancers.names());
            }
            name = node.get("name").asString();
        }
        long period = base.periodMicros();
        if (node.has("period_us")) {
            period = RunConfig.intIn(node.get("period_us"), "balancer.period_us", 0, Integer.MAX_VALUE);
        }
        final Map<String, Object> options = node.has("options") ? options(node.get("options")) : new LinkedHashMap<>();
        int scheduling = base.schedulingReactor();
        if (node.has("scheduling_reactor")) {
            final int max = reactorCount.isPresent() ? reactorCount.getAsInt() - 1 : 1023;
            scheduling = RunConfig.intIn(node.get("scheduling_reactor"), "balancer.scheduling_reactor", 0, max);
        }
        CpuSet isolated = base.isolated();
        if (node.has("isolated_cpus")) {
            if (!node.get("isolated_cpus").isString()) {
                throw new ConfigException("balancer.isolated_cpus", "must be a cpulist string such as \"2-3\"");
            }
            try {
                isolated = CpuSet.parseList(node.get("isolated_cpus").asString());
            } catch (final IllegalArgumentException e) {
                throw new ConfigException("balancer.isolated_cpus", e.getMessage());
            }
        }
        String governor = base.governor();
        if (node.has("governor")) {
            if (!node.get("governor").isString()
                    || !GOVERNORS.contains(node.get("governor").asString())) {
                throw new ConfigException("balancer.governor", "must be one of " + GOVERNORS);
            }
            governor = node.get("governor").asString();
        }
        return new BalancerConfig(name, period, options, scheduling, isolated, governor);
    }

    /** The balancer's options: whole numbers and strings by name, as {@code framework_set_scheduler} takes them. */
    private static Map<String, Object> options(final JsonNode given) {
        if (!given.isObject()) {
            throw new ConfigException("balancer.options", "must be an object");
        }
        final Map<String, Object> options = new LinkedHashMap<>();
        for (final String key : given.propertyNames()) {
            final JsonNode value = given.get(key);
            if (value.isIntegralNumber()) {
                options.put(key, value.asLong());
            } else if (value.isString()) {
                options.put(key, value.asString());
            } else {
                throw new ConfigException("balancer.options." + key, "must be a whole number or a string");
            }
        }
        return options;
    }
}

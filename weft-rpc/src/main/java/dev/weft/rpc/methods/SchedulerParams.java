package dev.weft.rpc.methods;

import dev.weft.balance.Balancers;
import dev.weft.balance.DynamicBalancer;
import dev.weft.balance.StaticBalancer;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.rpc.RpcError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code framework_set_scheduler}'s params decoded as SPDK decodes them: the framework takes {@code name} and
 * {@code period} and ignores other keys; the chosen balancer's own decoder then takes its options from the same
 * object and ignores the rest (SPDK's relaxed decode), and a balancer without options refuses any other key.
 *
 * @param name the balancer's name
 * @param periodMicros the period, 0 when not given
 * @param options the chosen balancer's options, ready for {@link dev.weft.balance.Balancer#withOptions}
 */
record SchedulerParams(String name, long periodMicros, Map<String, Object> options) {

    /*
     * Implementation overview. Decoding errors (a missing or non-string name, a period that is not an unsigned
     * integer, a percentage that is not a uint8, mappings that are not a string) are -32602, as SPDK's decoders'
     * failures are "invalid params". An unknown name, and options given to a balancer that takes none, are -32603,
     * as SPDK answers from spdk_scheduler_set and its custom-options check. The percentages are SPDK's uint8s: 0 to
     * 255, not checked against 100. Static mappings name cores by their CPU, as SPDK's do; they are translated to
     * reactor indices here, and pairs left empty by stray commas are skipped, as SPDK's tokenizer skips them.
     */

    private static final String METHOD = "framework_set_scheduler";
    private static final List<String> PERCENTS = List.of("load_limit", "core_limit", "core_busy");
    private static final Set<String> FRAMEWORK_KEYS = Set.of("name", "period");

    static SchedulerParams decode(final JsonNode params, final ReactorGroup group) {
        if (params == null || !params.isObject() || !params.path("name").isString()) {
            throw RpcError.invalidParams("'" + METHOD + "' needs the parameter 'name' (a string)");
        }
        final String name = params.get("name").asString();
        long period = 0;
        if (params.has("period")) {
            period = Params.integer(METHOD, params, "period");
            if (period < 0) {
                throw RpcError.invalidParams("'" + METHOD + "' parameter 'period' must not be negative");
            }
        }
        if (!Balancers.names().contains(name)) {
            throw new RpcError(
                    RpcError.INTERNAL_ERROR, "unknown balancer '" + name + "'; known are " + Balancers.names());
        }
        return new SchedulerParams(name, period, options(name, params, group));
    }

    private static Map<String, Object> options(final String name, final JsonNode params, final ReactorGroup group) {
        final Map<String, Object> options = new LinkedHashMap<>();
        if (name.equals(DynamicBalancer.NAME)) {
            for (final String key : PERCENTS) {
                if (params.has(key)) {
                    options.put(key, uint8(params, key));
                }
            }
        } else if (name.equals(StaticBalancer.NAME)) {
            if (params.has("mappings")) {
                if (!params.get("mappings").isString()) {
                    throw RpcError.invalidParams("'" + METHOD + "' parameter 'mappings' must be a string like "
                            + "\"thread:core,thread:core\"");
                }
                options.put("mappings", reactorIndices(params.get("mappings").asString(), group));
            }
        } else {
            for (final String key : params.propertyNames()) {
                if (!FRAMEWORK_KEYS.contains(key)) {
                    throw new RpcError(
                            RpcError.INTERNAL_ERROR, "balancer '" + name + "' takes no options, not '" + key + "'");
                }
            }
        }
        return options;
    }

    private static long uint8(final JsonNode params, final String key) {
        final JsonNode value = params.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > 255) {
            throw RpcError.invalidParams("'" + METHOD + "' parameter '" + key + "' must be an integer in [0, 255] "
                    + "(SPDK's uint8), not " + value);
        }
        return value.asLong();
    }

    /**
     * SPDK's mappings name cores ({@code "thread:lcore"}); the balancer's name reactor indices. Empty pairs are
     * dropped; a core that no reactor runs on is refused here, naming it.
     */
    private static String reactorIndices(final String mappings, final ReactorGroup group) {
        final StringBuilder translated = new StringBuilder();
        for (final String pair : mappings.split(",", -1)) {
            if (pair.isBlank()) {
                continue;
            }
            if (!translated.isEmpty()) {
                translated.append(',');
            }
            final int colon = pair.lastIndexOf(':');
            if (colon < 0) {
                translated.append(pair);
                continue;
            }
            final String core = pair.substring(colon + 1).strip();
            final Optional<Reactor> reactor = group.reactors().stream()
                    .filter(r -> String.valueOf(r.cpu()).equals(core))
                    .findFirst();
            if (reactor.isEmpty() && !core.isEmpty() && core.chars().allMatch(Character::isDigit)) {
                throw new RpcError(
                        RpcError.INTERNAL_ERROR, "mappings '" + mappings + "': no reactor runs on core " + core);
            }
            translated
                    .append(pair, 0, colon + 1)
                    .append(reactor.map(r -> String.valueOf(r.index())).orElse(core));
        }
        return translated.toString();
    }
}

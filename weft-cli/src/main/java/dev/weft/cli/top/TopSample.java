package dev.weft.cli.top;

import dev.weft.rpc.JsonRpcClient;
import tools.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One refresh of {@code weft top}: the results of SPDK's {@code framework_get_reactors}, {@code thread_get_stats}
 * and {@code thread_get_pollers}, taken back to back on one connection, as {@code spdk_top} takes them. Only SPDK's
 * methods are used, so {@code weft top} works against SPDK itself.
 *
 * @param reactors the {@code framework_get_reactors} result
 * @param threads the {@code thread_get_stats} result
 * @param pollers the {@code thread_get_pollers} result
 */
public record TopSample(JsonNode reactors, JsonNode threads, JsonNode pollers) {

    /**
     * Checks the components.
     *
     * @param reactors the reactors result
     * @param threads the threads result
     * @param pollers the pollers result
     */
    public TopSample {
        Objects.requireNonNull(reactors, "reactors");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(pollers, "pollers");
    }

    /**
     * Takes a sample.
     *
     * @param client a connected client
     * @return the sample
     */
    public static TopSample take(final JsonRpcClient client) {
        return new TopSample(client.call("framework_get_reactors", null), client.call("thread_get_stats", null),
                client.call("thread_get_pollers", null));
    }

    /**
     * Returns the tick rate the counters are in.
     *
     * @return ticks per second (1 when the server reports none, so nothing divides by zero)
     */
    public long tickRate() {
        return Math.max(1, reactors.path("tick_rate").asLong(1));
    }
}

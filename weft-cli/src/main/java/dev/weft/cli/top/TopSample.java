package dev.weft.cli.top;

import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.RpcError;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One refresh of {@code weft top}: the results of SPDK's {@code framework_get_reactors}, {@code thread_get_stats}
 * and {@code thread_get_pollers}, taken back to back on one connection, as {@code spdk_top} takes them, and of
 * {@code framework_get_scheduler} for the balancer line. Only SPDK's methods are used, so {@code weft top} works
 * against SPDK itself; a server without {@code framework_get_scheduler} (-32601) simply has no balancer line.
 *
 * @param reactors the {@code framework_get_reactors} result
 * @param threads the {@code thread_get_stats} result
 * @param pollers the {@code thread_get_pollers} result
 * @param scheduler the {@code framework_get_scheduler} result, or a missing node when the server lacks the method
 */
public record TopSample(JsonNode reactors, JsonNode threads, JsonNode pollers, JsonNode scheduler) {

    /**
     * Checks the components.
     *
     * @param reactors the reactors result
     * @param threads the threads result
     * @param pollers the pollers result
     * @param scheduler the scheduler result or a missing node
     */
    public TopSample {
        Objects.requireNonNull(reactors, "reactors");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(pollers, "pollers");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * A sample from a server without {@code framework_get_scheduler}.
     *
     * @param reactors the reactors result
     * @param threads the threads result
     * @param pollers the pollers result
     */
    public TopSample(final JsonNode reactors, final JsonNode threads, final JsonNode pollers) {
        this(reactors, threads, pollers, MissingNode.getInstance());
    }

    /**
     * Takes a sample.
     *
     * @param client a connected client
     * @return the sample
     */
    public static TopSample take(final JsonRpcClient client) {
        final JsonNode reactors = client.call("framework_get_reactors", null);
        final JsonNode threads = client.call("thread_get_stats", null);
        final JsonNode pollers = client.call("thread_get_pollers", null);
        JsonNode scheduler;
        try {
            scheduler = client.call("framework_get_scheduler", null);
        } catch (final RpcError e) {
            if (e.code() != RpcError.METHOD_NOT_FOUND) {
                throw e;
            }
            scheduler = MissingNode.getInstance();
        }
        return new TopSample(reactors, threads, pollers, scheduler);
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

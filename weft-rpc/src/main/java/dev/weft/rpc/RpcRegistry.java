package dev.weft.rpc;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The methods a server offers, each with the states it may be called in, and the server's current state.
 *
 * <p>It registers SPDK's {@code rpc_get_methods} itself. Methods come in two forms: {@link RpcMethod}, which returns
 * a tree, and {@link StreamingRpcMethod}, which writes its result straight to the response; the registry holds
 * every method in the second form, wrapping the first. Registration normally happens before the server starts, and
 * lookups run on every request from every connection thread, so the table is an immutable map replaced whole on
 * each registration (under this registry's lock) and read through a volatile field: a lookup takes no lock and
 * sees a complete table. The state is volatile too.
 */
public final class RpcRegistry {

    /**
     * A registered method.
     *
     * @param name its name
     * @param states the states it may be called in
     * @param method what it does, in the streaming form
     */
    public record Entry(String name, Set<RpcState> states, StreamingRpcMethod method) {}

    private volatile Map<String, Entry> methods = Map.of();
    private volatile RpcState state;

    /**
     * Creates a registry in the given state, holding only {@code rpc_get_methods}.
     *
     * @param initial the state the server starts in
     */
    public RpcRegistry(final RpcState initial) {
        this.state = Objects.requireNonNull(initial, "initial");
        register("rpc_get_methods", EnumSet.allOf(RpcState.class), this::getMethods);
    }

    /**
     * Adds a method that returns its result as a tree.
     *
     * @param name the method's name
     * @param states the states it may be called in, not empty
     * @param method what it does
     * @return this registry
     * @throws IllegalArgumentException if the name is taken or blank, or no state is given
     */
    public RpcRegistry register(final String name, final Set<RpcState> states, final RpcMethod method) {
        Objects.requireNonNull(method, "method");
        return registerStreaming(name, states, params -> {
            final JsonNode result = method.call(params);
            if (result == null) {
                throw new IllegalStateException("method '" + name + "' returned no result");
            }
            return out -> out.writeTree(result);
        });
    }

    /**
     * Adds a method that writes its result straight to the response.
     *
     * @param name the method's name
     * @param states the states it may be called in, not empty
     * @param method what it does
     * @return this registry
     * @throws IllegalArgumentException if the name is taken or blank, or no state is given
     */
    public synchronized RpcRegistry registerStreaming(
            final String name, final Set<RpcState> states, final StreamingRpcMethod method) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an RPC method needs a name");
        }
        if (states.isEmpty()) {
            throw new IllegalArgumentException("RPC method '" + name + "' must be callable in some state");
        }
        if (methods.containsKey(name)) {
            throw new IllegalArgumentException("RPC method '" + name + "' is already registered");
        }
        final Map<String, Entry> grown = new LinkedHashMap<>(methods);
        grown.put(name, new Entry(name, Set.copyOf(states), Objects.requireNonNull(method, "method")));
        methods = Collections.unmodifiableMap(grown);
        return this;
    }

    /**
     * Adds a method callable once the runtime runs.
     *
     * @param name the method's name
     * @param method what it does
     * @return this registry
     */
    public RpcRegistry runtime(final String name, final RpcMethod method) {
        return register(name, EnumSet.of(RpcState.RUNTIME), method);
    }

    /**
     * Adds a streaming method callable once the runtime runs.
     *
     * @param name the method's name
     * @param method what it does
     * @return this registry
     */
    public RpcRegistry runtimeStreaming(final String name, final StreamingRpcMethod method) {
        return registerStreaming(name, EnumSet.of(RpcState.RUNTIME), method);
    }

    /**
     * Looks a method up.
     *
     * @param name the method's name
     * @return the entry, or empty if there is none
     */
    public Optional<Entry> find(final String name) {
        return Optional.ofNullable(methods.get(name));
    }

    /**
     * Returns the current state.
     *
     * @return the state
     */
    public RpcState state() {
        return state;
    }

    /**
     * Changes the state ({@code framework_start_init} moves STARTUP to RUNTIME).
     *
     * @param newState the new state
     */
    public void state(final RpcState newState) {
        this.state = Objects.requireNonNull(newState, "newState");
    }

    private JsonNode getMethods(final JsonNode params) {
        boolean current = false;
        if (params != null) {
            if (!params.isObject()) {
                throw RpcError.invalidParams("rpc_get_methods takes an object of current and include_aliases");
            }
            for (final String key : params.propertyNames()) {
                if (!key.equals("current") && !key.equals("include_aliases")) {
                    throw RpcError.invalidParams("rpc_get_methods has no parameter '" + key + "'");
                }
                if (!params.get(key).isBoolean()) {
                    throw RpcError.invalidParams("rpc_get_methods parameter '" + key + "' must be a boolean");
                }
            }
            current = params.path("current").asBoolean(false);
        }
        final ArrayNode names = JsonNodeFactory.instance.arrayNode();
        final RpcState now = state;
        for (final Entry entry : methods.values()) {
            if (!current || entry.states().contains(now)) {
                names.add(entry.name());
            }
        }
        return names;
    }
}

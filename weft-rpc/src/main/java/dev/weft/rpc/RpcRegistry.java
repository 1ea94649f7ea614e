package dev.weft.rpc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The methods a server offers, each with the states it may be called in, and the server's current state.
 *
 * <p>It registers SPDK's {@code rpc_get_methods} itself. Registration happens before the server starts; lookups
 * run on connection threads, so the table is a synchronized map and the state is volatile.
 */
public final class RpcRegistry {

    /**
     * A registered method.
     *
     * @param name its name
     * @param states the states it may be called in
     * @param method what it does
     */
    public record Entry(String name, Set<RpcState> states, RpcMethod method) {
    }

    private final Map<String, Entry> methods = Collections.synchronizedMap(new LinkedHashMap<>());
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
     * Adds a method.
     *
     * @param name the method's name
     * @param states the states it may be called in, not empty
     * @param method what it does
     * @return this registry
     * @throws IllegalArgumentException if the name is taken or blank, or no state is given
     */
    public RpcRegistry register(final String name, final Set<RpcState> states, final RpcMethod method) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an RPC method needs a name");
        }
        if (states.isEmpty()) {
            throw new IllegalArgumentException("RPC method '" + name + "' must be callable in some state");
        }
        final Entry entry = new Entry(name, Set.copyOf(states), Objects.requireNonNull(method, "method"));
        if (methods.putIfAbsent(name, entry) != null) {
            throw new IllegalArgumentException("RPC method '" + name + "' is already registered");
        }
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
        synchronized (methods) {
            for (final Entry entry : methods.values()) {
                if (!current || entry.states().contains(now)) {
                    names.add(entry.name());
                }
            }
        }
        return names;
    }
}

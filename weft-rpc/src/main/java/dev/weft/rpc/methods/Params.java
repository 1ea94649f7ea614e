package dev.weft.rpc.methods;

import dev.weft.rpc.RpcError;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks of a request's {@code params} shared by the methods: SPDK answers -32602 when a method that takes none gets
 * some, and when an object carries a key it does not know or a value of the wrong type.
 */
final class Params {

    private Params() {}

    /**
     * Refuses any params (SPDK: "requires no arguments").
     *
     * @param method the method's name, for the message
     * @param params the request's params, null when absent
     * @throws RpcError -32602 when params are present
     */
    static void none(final String method, final JsonNode params) {
        if (params != null) {
            throw RpcError.invalidParams("'" + method + "' requires no arguments");
        }
    }

    /**
     * Requires an object whose keys all belong to a set and whose required keys are present.
     *
     * @param method the method's name, for the message
     * @param params the request's params
     * @param required the keys that must be present
     * @param allowed the keys that may be present (a superset of required)
     * @return the object
     * @throws RpcError -32602 naming the first problem
     */
    static JsonNode object(
            final String method, final JsonNode params, final Set<String> required, final Set<String> allowed) {
        if (params == null || !params.isObject()) {
            throw RpcError.invalidParams("'" + method + "' takes an object with " + required);
        }
        for (final String key : params.propertyNames()) {
            if (!allowed.contains(key)) {
                throw RpcError.invalidParams("'" + method + "' has no parameter '" + key + "'");
            }
        }
        for (final String key : required) {
            if (!params.has(key)) {
                throw RpcError.invalidParams("'" + method + "' needs the parameter '" + key + "'");
            }
        }
        return params;
    }

    /**
     * Reads an integral parameter.
     *
     * @param method the method's name, for the message
     * @param params the params object
     * @param key the key
     * @return the value
     * @throws RpcError -32602 when it is not an integer that fits a long
     */
    static long integer(final String method, final JsonNode params, final String key) {
        final JsonNode value = params.get(key);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw RpcError.invalidParams("'" + method + "' parameter '" + key + "' must be an integer");
        }
        return value.asLong();
    }
}

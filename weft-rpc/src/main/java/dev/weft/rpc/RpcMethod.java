package dev.weft.rpc;

import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC method: takes the request's {@code params} and returns the {@code result}.
 */
@FunctionalInterface
public interface RpcMethod {

    /**
     * Runs the method.
     *
     * @param params the request's {@code params}: an object, an array, or null when the request had none
     * @return the result, never null (use a {@code BooleanNode} {@code true} for "done", as SPDK does)
     * @throws RpcError to answer with that error
     */
    JsonNode call(JsonNode params);
}

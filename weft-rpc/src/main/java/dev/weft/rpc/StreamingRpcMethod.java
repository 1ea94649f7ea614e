package dev.weft.rpc;

import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC method that writes its result straight to the response instead of returning a tree ({@link RpcMethod}):
 * the form of the methods a monitoring client polls often, such as {@code framework_get_reactors}, whose answer is
 * otherwise built as a tree of maps only to be serialized and dropped.
 *
 * <p>It runs in two steps so that a request is answered with exactly one outcome: {@link #call} checks the
 * parameters and does whatever the method does, throwing {@link RpcError} before anything is written; the
 * {@link ResultWriter} it returns then only writes. A notification runs {@code call} and never its writer.
 */
@FunctionalInterface
public interface StreamingRpcMethod {

    /**
     * Checks the parameters and runs the method.
     *
     * @param params the request's {@code params}: an object, an array, or null when the request had none
     * @return what writes the result, never null
     * @throws RpcError to answer with that error
     */
    ResultWriter call(JsonNode params);
}

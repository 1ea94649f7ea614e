package dev.weft.rpc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * Turns one complete JSON value received by the server into its response, by the JSON-RPC 2.0 rules.
 *
 * <p><b>Implementation overview.</b> An object is one request; an array is a batch, answered with an array of
 * the responses of its non-notification members (nothing at all when every member is a notification; an empty
 * array is itself an invalid request). A request must have {@code "jsonrpc": "2.0"} and a string {@code method};
 * its {@code id}, if present, must be a string, number or null, and its {@code params}, if present, an object or
 * array. A request without {@code id} is a notification: it is run and never answered, also when it fails. An
 * invalid request is answered with {@code id} null when its id cannot be trusted. A method called in the wrong
 * state gets SPDK's -1 and its message. A method that throws anything but {@link RpcError} gets -32603 with the
 * exception's message: the server never falls over because of a method. Response members are written in SPDK's
 * order: {@code jsonrpc}, {@code id}, then {@code result} or {@code error}.
 */
public final class RequestDispatcher {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RpcRegistry registry;
    private final int maxBatch;

    /**
     * Creates a dispatcher.
     *
     * @param registry the methods and state
     * @param maxBatch the most requests one batch may hold
     */
    public RequestDispatcher(final RpcRegistry registry, final int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the batch limit " + maxBatch + " is below 1");
        }
        this.registry = registry;
        this.maxBatch = maxBatch;
    }

    /**
     * Answers one received value.
     *
     * @param value a complete JSON value
     * @return the response to send, or empty when nothing is to be sent (notifications)
     */
    public Optional<JsonNode> dispatch(final JsonNode value) {
        if (value.isArray()) {
            if (value.isEmpty()) {
                return Optional.of(error(NullNode.getInstance(), RpcError.INVALID_REQUEST, "Invalid request: "
                        + "empty batch"));
            }
            if (value.size() > maxBatch) {
                return Optional.of(error(NullNode.getInstance(), RpcError.INVALID_REQUEST, "Invalid request: "
                        + "batch of " + value.size() + " requests is over the limit of " + maxBatch));
            }
            final ArrayNode responses = NODES.arrayNode();
            for (final JsonNode member : value) {
                answer(member).ifPresent(responses::add);
            }
            return responses.isEmpty() ? Optional.empty() : Optional.of(responses);
        }
        return answer(value);
    }

    private Optional<JsonNode> answer(final JsonNode request) {
        if (!request.isObject()) {
            return Optional.of(error(NullNode.getInstance(), RpcError.INVALID_REQUEST,
                    "Invalid request: a request must be an object"));
        }
        final JsonNode id = request.get("id");
        final boolean idValid = id == null || id.isString() || id.isNumber() || id.isNull();
        final JsonNode replyId = id != null && idValid ? id : NullNode.getInstance();
        final JsonNode version = request.get("jsonrpc");
        if (version == null || !version.isString() || !version.asString().equals("2.0")) {
            return Optional.of(error(replyId, RpcError.INVALID_REQUEST,
                    "Invalid request: member jsonrpc must be 2.0"));
        }
        if (!idValid) {
            return Optional.of(error(replyId, RpcError.INVALID_REQUEST,
                    "Invalid request: member id must be a string, number or null"));
        }
        final JsonNode method = request.get("method");
        if (method == null || !method.isString()) {
            return Optional.of(error(replyId, RpcError.INVALID_REQUEST,
                    "Invalid request: member method must be a string"));
        }
        final JsonNode params = request.get("params");
        if (params != null && !params.isObject() && !params.isArray()) {
            return Optional.of(error(replyId, RpcError.INVALID_REQUEST,
                    "Invalid request: member params must be an object or an array"));
        }
        final JsonNode response = call(method.asString(), params, replyId);
        return id == null ? Optional.empty() : Optional.of(response);
    }

    private JsonNode call(final String name, final JsonNode params, final JsonNode id) {
        final Optional<RpcRegistry.Entry> entry = registry.find(name);
        if (entry.isEmpty()) {
            return error(id, RpcError.METHOD_NOT_FOUND, "Method not found");
        }
        final RpcState state = registry.state();
        if (!entry.get().states().contains(state)) {
            return error(id, RpcError.INVALID_STATE, state == RpcState.RUNTIME
                    ? "Method may only be called before framework is initialized. Use --wait-for-rpc command "
                        + "line parameter and then issue this method."
                    : "Method may only be called after framework is initialized using framework_start_init RPC.");
        }
        try {
            final JsonNode result = entry.get().method().call(params);
            if (result == null) {
                return error(id, RpcError.INTERNAL_ERROR, "method '" + name + "' returned no result");
            }
            final ObjectNode response = NODES.objectNode();
            response.put("jsonrpc", "2.0");
            response.set("id", id);
            response.set("result", result);
            return response;
        } catch (final RpcError e) {
            return error(id, e.code(), e.getMessage());
        } catch (final RuntimeException e) {
            return error(id, RpcError.INTERNAL_ERROR, e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName());
        }
    }

    /**
     * Builds an error response.
     *
     * @param id the request's id, or JSON null
     * @param code the error code
     * @param message the error message
     * @return the response object
     */
    public static ObjectNode error(final JsonNode id, final int code, final String message) {
        final ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        final ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return response;
    }
}

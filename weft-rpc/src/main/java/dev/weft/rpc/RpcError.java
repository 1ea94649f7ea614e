package dev.weft.rpc;

/**
 * A JSON-RPC error: the code and message that go into the response's {@code error} object. Methods throw it to
 * answer with an error; the server turns any other exception into {@link #INTERNAL_ERROR}.
 */
public final class RpcError extends RuntimeException {

    /** The text was not JSON. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON was not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** No method of that name. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** The method's parameters are wrong. */
    public static final int INVALID_PARAMS = -32602;
    /** The method failed. */
    public static final int INTERNAL_ERROR = -32603;
    /**
     * The server cannot take the request now: too many connections, or the memory for requests in flight is spent
     * (the first code of JSON-RPC's range for server errors).
     */
    public static final int SERVER_BUSY = -32000;
    /** A TCP connection did not authenticate first ({@code weft_authenticate} with the server's token). */
    public static final int NOT_AUTHENTICATED = -32001;
    /** The method may not be called in the server's present state (SPDK's {@code SPDK_JSONRPC_ERROR_INVALID_STATE}). */
    public static final int INVALID_STATE = -1;

    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * Creates an error.
     *
     * @param code the JSON-RPC error code
     * @param message the text for the response's {@code message}
     */
    public RpcError(final int code, final String message) {
        super(message);
        this.code = code;
    }

    /**
     * Creates an {@link #INVALID_PARAMS} error.
     *
     * @param message what is wrong with the parameters
     * @return the error
     */
    public static RpcError invalidParams(final String message) {
        return new RpcError(INVALID_PARAMS, message);
    }

    /**
     * Returns the JSON-RPC error code.
     *
     * @return the code
     */
    public int code() {
        return code;
    }
}

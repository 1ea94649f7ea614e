package dev.weft.rpc;

/**
 * The server's state, as SPDK's: some methods may be called only while the runtime is starting up
 * ({@code scheduler_set_options}), most only once it runs.
 */
public enum RpcState {
    /** Before the runtime is initialized (SPDK's {@code SPDK_RPC_STARTUP}). */
    STARTUP,
    /** Once the runtime runs (SPDK's {@code SPDK_RPC_RUNTIME}). */
    RUNTIME
}

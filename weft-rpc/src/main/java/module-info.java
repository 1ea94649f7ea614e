/**
 * weft's control plane: a JSON-RPC 2.0 server and client over UNIX sockets that speaks SPDK's wire format, with
 * SPDK's framework and scheduler methods and weft's own.
 */
module dev.weft.rpc {
    requires transitive dev.weft.core;
    requires transitive dev.weft.process;
    requires transitive tools.jackson.databind;
    requires jdk.net;

    exports dev.weft.rpc;
    exports dev.weft.rpc.methods;
}

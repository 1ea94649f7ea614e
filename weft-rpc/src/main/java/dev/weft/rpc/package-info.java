/**
 * The control plane's transport (seed 002, SPDK's {@code lib/jsonrpc}): a JSON-RPC 2.0 server on a UNIX socket that
 * only its owner can reach, speaking SPDK's wire format (back-to-back JSON values in, compact JSON and a newline
 * out), with limits that keep it serving under abuse, and a client that talks like SPDK's {@code rpc.py}. The
 * methods (SPDK's and weft's own) are registered in an {@link dev.weft.rpc.RpcRegistry}.
 */
package dev.weft.rpc;

/**
 * The control plane's transport (SPDK's {@code lib/jsonrpc}): a JSON-RPC 2.0 server on a UNIX socket that
 * only its owner can reach, speaking SPDK's wire format (back-to-back JSON values in, compact JSON and a newline
 * out), with limits that keep it serving under abuse, and a client that talks like SPDK's {@code rpc.py}. The
 * methods (SPDK's and weft's own) are registered in an {@link dev.weft.rpc.RpcRegistry}, either returning a tree
 * ({@link dev.weft.rpc.RpcMethod}) or, for the methods a monitor polls, writing their result straight into the
 * response ({@link dev.weft.rpc.StreamingRpcMethod}); the {@link dev.weft.rpc.RequestDispatcher} generates every
 * response into the connection's reused {@link dev.weft.rpc.ResponseBuffer}.
 *
 * <p>How this package fits with the others, and the upstream names of its types: {@code docs/ARCHITECTURE.md} in
 * weft's repository.
 */
package dev.weft.rpc;

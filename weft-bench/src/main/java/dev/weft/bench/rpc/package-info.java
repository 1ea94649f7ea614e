/**
 * Benchmarks of the control plane (SPDK's JSON-RPC): request rate and latency over the UNIX socket against a
 * bare-socket anchor (platform and virtual threads), the server's capacity with pipelined requests, its CPU cost per
 * request without a socket, and the cost of serving requests on the reactors' own throughput: as reactor burst time
 * (JMH, separate trials), and in paired windows within one run, which is what resolves 2% on a shared machine, as
 * the reactors' work done ({@link dev.weft.bench.rpc.RpcReactorThroughputCost}) and as the serving threads' CPU time
 * ({@link dev.weft.bench.rpc.RpcServeCpuCost}), both at 100 requests/s against a bare echo server at the same rate.
 */
package dev.weft.bench.rpc;

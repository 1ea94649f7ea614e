/**
 * Benchmarks of the control plane (seed 002's JSON-RPC): request rate and latency over the UNIX socket against a
 * bare-socket anchor (platform and virtual threads), the server's capacity with pipelined requests, its CPU cost per
 * request without a socket, and the cost of serving requests on the reactors' own throughput, both as reactor burst
 * time (JMH) and as the serving threads' CPU time at 100 requests/s ({@link dev.weft.bench.rpc.RpcServeCpuCost}, a
 * main, since on a shared machine only CPU time answers a question of 2%).
 */
package dev.weft.bench.rpc;

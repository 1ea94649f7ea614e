/**
 * Benchmarks of the control plane (seed 002's JSON-RPC): request rate and latency over the UNIX socket against a
 * bare-socket anchor (platform and virtual threads), the server's capacity with pipelined requests, its CPU cost per
 * request without a socket, and the cost of serving requests on the reactors' own throughput.
 */
package dev.weft.bench.rpc;

/**
 * Benchmark workloads with known answers (GTS's fork/join benchmarks): UTS with a hand-written SHA-1, N-Queens,
 * Fibonacci without cut-off and a parallel-for, each runnable sequentially, on weft's micro-scheduler and on
 * ForkJoinPool. The JMH benchmarks in {@code dev.weft.bench.fork} and {@code weft bench uts} run them.
 */
package dev.weft.bench.workload;

/**
 * JMH benchmarks of weft's work-stealing micro-scheduler (GTS) against ForkJoinPool in the same run: fib
 * without cut-off (always-spawn in GTS's continuation style and through the fork/join layer, beside the demand-driven
 * variants that make a task only while another worker is hungry, and with the per-worker task cache on and off in
 * {@link dev.weft.bench.fork.TaskCacheBenchmark}), N-Queens, UTS T1 and T3, and a parallel-for. Each verifies its
 * answer before it is timed.
 */
package dev.weft.bench.fork;

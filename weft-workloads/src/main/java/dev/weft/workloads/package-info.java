/**
 * Fork-join workloads with known answers: UTS (the Unbalanced Tree Search benchmark, with the SHA-1 it is specified
 * with), N-Queens, Fibonacci without cut-off and a parallel-for, each runnable sequentially, on weft's
 * micro-scheduler and on ForkJoinPool. The JMH benchmarks of {@code weft-bench} and {@code weft bench uts} run them.
 */
package dev.weft.workloads;

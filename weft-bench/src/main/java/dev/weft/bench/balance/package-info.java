/**
 * Benchmarks of {@code dev.weft.balance} (SPDK's scheduler): {@link dev.weft.bench.balance.BalancingSavings}
 * runs one bursty workload on polling reactors under {@code static} (SPDK's default, the anchor) and under
 * {@code dynamic} in the same run, and reports the reactors' CPU time and the work each completed, with their ratios.
 */
package dev.weft.bench.balance;

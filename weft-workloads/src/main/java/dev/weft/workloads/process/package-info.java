/**
 * Process task functions with known behaviour, run in worker processes by the demo and the process benchmarks: one
 * that echoes its input and one that never returns, so that a timeout must kill it.
 */
package dev.weft.workloads.process;

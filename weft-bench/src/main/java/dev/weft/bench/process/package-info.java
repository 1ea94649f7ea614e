/**
 * Benchmarks of the process scheduler (Pantavisor's plan): warm round trip against a fresh {@code java} per task and
 * fork/exec of {@code /bin/true}, throughput with 0 (inline), 1 and 2 workers, and, in {@link
 * dev.weft.bench.process.ProcessLatencyMain}, latency percentiles and how late a hung task is killed.
 */
package dev.weft.bench.process;

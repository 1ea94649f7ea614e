/**
 * Benchmarks of {@code dev.weft.reactor} (MTL, OpenPerf and SPDK designs), each against the anchor a user would pick
 * instead, in the same run: dispatch cost per tasklet against a hand-written loop and Agrona's {@code CompositeAgent}
 * on an {@code AgentRunner}; wake-to-run latency against {@code LockSupport} and an idle {@code ThreadPoolExecutor};
 * cross-reactor messaging against {@code ThreadPoolExecutor} and a {@code LinkedBlockingQueue} hand-off; timer
 * slack; the paced pipeline's cost per item against the same work over a bare JCTools ring
 * ({@link dev.weft.bench.reactor.PacedPipelineBenchmark}); the cost of reading a reactor's stats against the JDK's
 * thread CPU clocks; idle CPU cost against Agrona's default backoff ({@link dev.weft.bench.reactor.IdleCost}, a plain
 * main); and the dispatch comparison in CPU time per pass, which a shared machine disturbs far less than wall time
 * ({@link dev.weft.bench.reactor.DispatchCpuCost}, a plain main).
 */
package dev.weft.bench.reactor;

/**
 * Micrometer {@link io.micrometer.core.instrument.binder.MeterBinder}s for weft: {@link
 * dev.weft.micrometer.ReactorGroupMetrics} (reactors, and optionally strands and tasklets with a cap on how many),
 * {@link dev.weft.micrometer.WorkerPoolMetrics} (workers of a fork-join pool) and {@link
 * dev.weft.micrometer.ProcessSchedulerMetrics} (a process scheduler's queue, outcomes and kill lateness). Each binder
 * reads weft's published statistics when the registry asks, so binding costs weft's threads nothing. Meter names
 * follow Micrometer's conventions (lower-case, dot-separated, base units in seconds); {@code docs/METRICS.md} lists
 * them with their tags.
 */
package dev.weft.micrometer;

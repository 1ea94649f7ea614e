/**
 * The six micro-scheduler configurations of GTS's initialisation examples (1-1 affinity, preemptive priority,
 * isolation, partitioning, NUMA hierarchy, heterogeneous hierarchy), planned from a {@link dev.weft.platform.Topology}
 * as plain data so they can be checked against fixture machines, then started as pools and schedulers, and run by
 * {@link dev.weft.fork.config.Examples}.
 */
package dev.weft.fork.config;

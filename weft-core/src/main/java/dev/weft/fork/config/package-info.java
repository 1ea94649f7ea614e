/**
 * GTS's six micro-scheduler configurations (its initialisation examples: 1-1 affinity, preemptive priority,
 * isolation, partitioning, NUMA hierarchy, heterogeneous hierarchy), planned from a {@link dev.weft.platform.Topology}
 * as plain data so they can be checked against fixture machines, then started as pools and schedulers.
 */
package dev.weft.fork.config;

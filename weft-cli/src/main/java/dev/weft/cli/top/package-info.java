/**
 * {@code weft top} (SPDK's {@code spdk_top}): samples of SPDK's {@code framework_get_reactors},
 * {@code thread_get_stats}, {@code thread_get_pollers} and {@code framework_get_scheduler}
 * ({@link dev.weft.cli.top.TopSample}), the rows of the threads, pollers and cores tabs with usage from deltas between
 * refreshes and the balancer line ({@link dev.weft.cli.top.TopModel}), and the Lanterna terminal view
 * ({@link dev.weft.cli.top.TopScreen}).
 */
package dev.weft.cli.top;

/**
 * {@code weft top} (SPDK's {@code spdk_top}): samples of SPDK's {@code framework_get_reactors},
 * {@code thread_get_stats}, {@code thread_get_pollers} and {@code framework_get_scheduler}
 * ({@link dev.weft.cli.top.TopSample}), the rows of the threads, pollers and cores tabs with usage from deltas between
 * refreshes and the balancer line ({@link dev.weft.cli.top.TopModel}), the detail, scheduler and help pop-ups
 * ({@link dev.weft.cli.top.TopDetails}), paging ({@link dev.weft.cli.top.TopPager}), the screen's state and layout
 * without a terminal ({@link dev.weft.cli.top.TopView}), and the Lanterna terminal that paints it
 * ({@link dev.weft.cli.top.TopScreen}).
 */
package dev.weft.cli.top;

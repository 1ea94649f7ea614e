/**
 * The performance report: generates {@code docs/PERFORMANCE.md} from one run of
 * every weft-bench benchmark, the benchmark mains and {@code weft demo}, each weft figure beside its anchor's from the
 * same run, with the ratio and its target.
 *
 * <p>The pipeline: {@link dev.weft.bench.report.Plan} lists what to run; {@code Measuring} runs each source as its own
 * process and keeps the raw outputs; {@link dev.weft.bench.report.JmhJson}, {@link dev.weft.bench.report.MainOutput}
 * and {@link dev.weft.bench.report.DemoJson} read them into {@link dev.weft.bench.report.Measurement}s; {@link
 * dev.weft.bench.report.Pairing} matches them to the rows of {@link dev.weft.bench.report.Rows} (the single data table
 * of what pairs with what) and judges each target; {@link dev.weft.bench.report.MarkdownReport} renders the file. Entry
 * point: {@code bench/report [--quick]} from the repository root, which builds the jar and runs {@link
 * dev.weft.bench.report.PerformanceReport}. Not an upstream design: this is the measuring side of all five.
 */
package dev.weft.bench.report;

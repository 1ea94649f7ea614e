/**
 * The performance report: generates {@code docs/PERFORMANCE.md} from one run of
 * every weft-bench benchmark, the benchmark mains and {@code weft demo}, each weft figure beside its anchor's from the
 * same run, with the ratio and its target.
 *
 * <p>The pipeline: {@link dev.weft.bench.report.Plan} lists what to run; {@code Measuring} runs each source as its own
 * process and keeps the raw outputs; {@link dev.weft.bench.report.JmhJson}, {@link dev.weft.bench.report.MainOutput}
 * and {@link dev.weft.bench.report.DemoJson} read them into {@link dev.weft.bench.report.Measurement}s; {@link
 * dev.weft.bench.report.Pairing} matches them to the rows of {@link dev.weft.bench.report.Rows} (the single data table
 * of what pairs with what) and judges each target; {@link dev.weft.bench.report.MarkdownReport} renders the file, with
 * each missed target's explanation ({@code Decisions}) and the scaling curves. Entry point: {@code bench/report
 * [--quick]} from the repository root, which builds the jar and runs {@link
 * dev.weft.bench.report.PerformanceReport}. {@code bench/scaling} runs {@link dev.weft.bench.report.ScalingReport},
 * which measures the {@link dev.weft.bench.report.Scaling} sources through the same {@code Measuring} and writes
 * {@code docs/SCALING.md}. Not an upstream design: this is the measuring side of all five.
 */
package dev.weft.bench.report;

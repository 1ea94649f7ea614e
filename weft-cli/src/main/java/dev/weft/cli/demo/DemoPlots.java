package dev.weft.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a report's charts as PNG files with XChart ({@code org.knowm.xchart:xchart}), off screen.
 *
 * <ul>
 *   <li>{@value #PACING}: the pacing-error distribution of both ways, as the share of each way's packets in each
 *       bucket of {@link MediaFigures#BUCKET_MICROS} (bars side by side), with each way's p99 in its legend.</li>
 *   <li>{@value #CPU}: the CPU use of each media reactor over the run, percent of one core per sampling interval,
 *       with a vertical line at every strand move the balancer made (labelled with the strand and its reactors),
 *       and the surge's start and end marked.</li>
 * </ul>
 * AWT draws into an image only, so the JVM is switched to headless mode before the first chart is made (unless the
 * caller chose otherwise); no display is needed.
 */
public final class DemoPlots {

    /** The pacing histogram's file name. */
    public static final String PACING = "pacing-error.png";

    /** The reactor CPU chart's file name. */
    public static final String CPU = "media-reactor-cpu.png";

    private static final int WIDTH = 1_000;
    private static final int HEIGHT = 560;
    private static final int LABELLED_MOVES = 8;

    private DemoPlots() {}

    /**
     * Writes both charts into a directory, creating it if needed.
     *
     * @param report the report to draw
     * @param dir the directory
     * @return the files written
     * @throws IOException if the directory or a file cannot be written
     */
    public static List<Path> write(final DemoReport report, final Path dir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Files.createDirectories(dir);
        final Path pacing = dir.resolve(PACING);
        final Path cpu = dir.resolve(CPU);
        save(pacing(report), pacing);
        save(cpu(report), cpu);
        return List.of(pacing, cpu);
    }

    private static CategoryChart pacing(final DemoReport report) {
        final CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(String.format(
                        "Pacing error: %d + %d sessions per way, %d packets/s each (weft vs plain JDK)",
                        report.sessions(),
                        report.surgeSessions(),
                        report.profile().packetsPerSecond()))
                .xAxisTitle("pacing error (arrival minus scheduled time), bucket up to ... µs")
                .yAxisTitle("share of packets (%)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setXAxisTickMarkSpacingHint(30);
        final List<String> labels = new ArrayList<>();
        for (final long bound : MediaFigures.BUCKET_MICROS) {
            labels.add(bound >= 1_000 ? bound / 1_000 + "k" : String.valueOf(bound));
        }
        labels.add("more");
        for (final MediaFigures media : List.of(report.mediaWeft(), report.mediaPlain())) {
            chart.addSeries(
                    String.format("%s (p99 %.0f µs)", media.way(), media.pacingP99Micros()), labels, shares(media));
        }
        return chart;
    }

    private static List<Double> shares(final MediaFigures media) {
        final long total = Math.max(
                1, media.pacingBuckets().stream().mapToLong(Long::longValue).sum());
        final List<Double> shares = new ArrayList<>();
        for (final long count : media.pacingBuckets()) {
            shares.add(100.0 * count / total);
        }
        return shares;
    }

    private static XYChart cpu(final DemoReport report) {
        final BalancingFigures balancing = report.balancing();
        final XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(String.format(
                        "Media reactors' CPU, balancer '%s' every %d ms: %d strand moves, %.1f s of "
                                + "CPU saved by parking",
                        balancing.balancer(),
                        balancing.periodMicros() / 1_000,
                        balancing.moves().size(),
                        balancing.savedCpuSeconds()))
                .xAxisTitle("time since start (s)")
                .yAxisTitle("CPU (% of one core)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisMin(0.0);
        double top = 10;
        for (int r = 0; r < balancing.cpuPercent().size(); r++) {
            final List<Double> series = balancing.cpuPercent().get(r);
            if (series.isEmpty()) {
                continue;
            }
            final XYSeries line = chart.addSeries("media reactor " + r, balancing.sampleSeconds(), series);
            line.setMarker(SeriesMarkers.NONE);
            top = Math.max(
                    top, series.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
        if (balancing.sampleSeconds().isEmpty()) {
            chart.addSeries("no samples", new double[] {0}, new double[] {0});
        }
        chart.getStyler().setYAxisMax(top * 1.25);
        final double surgeStart = report.seconds() / 4.0;
        chart.addAnnotation(new AnnotationLine(surgeStart, true, false));
        chart.addAnnotation(new AnnotationText("surge starts", surgeStart, top * 1.2, false));
        chart.addAnnotation(new AnnotationLine(surgeStart + report.surgeSeconds(), true, false));
        chart.addAnnotation(new AnnotationText("surge ends", surgeStart + report.surgeSeconds(), top * 1.15, false));
        int labelled = 0;
        for (final StrandMove move : balancing.moves()) {
            chart.addAnnotation(new AnnotationLine(move.atSeconds(), true, false));
            if (labelled < LABELLED_MOVES) {
                chart.addAnnotation(new AnnotationText(
                        String.format("%s %d→%d", move.strand(), move.from(), move.to()),
                        move.atSeconds(),
                        top * (1.05 - 0.07 * labelled),
                        false));
                labelled++;
            }
        }
        return chart;
    }

    private static void save(final Chart<?, ?> chart, final Path file) throws IOException {
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK for " + file);
        }
    }
}

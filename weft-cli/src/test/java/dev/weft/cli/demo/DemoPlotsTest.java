package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts of a synthetic report (moves, a parked reactor, both ways' histograms) are written as real PNGs. */
class DemoPlotsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static MediaFigures media(final String way, final List<Long> buckets) {
        final long received = buckets.stream().mapToLong(Long::longValue).sum();
        return new MediaFigures(
                way, 3, received, received, 0, 0, received, 40, 900, 2_000, 10, 300, 30, 600, 1_000_000, 12.5, buckets);
    }

    static DemoReport report() {
        return report(true);
    }

    /** A report whose echo figures include the strand-carried way, or leave it out as a JVM without the option does. */
    static DemoReport report(final boolean carried) {
        final MediaFigures weft =
                media("weft", List.of(5L, 40L, 300L, 500L, 100L, 30L, 10L, 5L, 0L, 0L, 0L, 0L, 0L, 0L));
        final MediaFigures plain =
                media("plain-jdk", List.of(0L, 10L, 100L, 400L, 300L, 100L, 50L, 20L, 10L, 0L, 0L, 0L, 0L, 0L));
        final EchoFigures echo = new EchoFigures("weft", 10, 10, 0, 50, 90, 100, 1_000);
        final BalancingFigures balancing = new BalancingFigures(
                "dynamic",
                500_000,
                Map.of("load_limit", 20),
                8,
                List.of(new StrandMove(1.6, "media-1001", 1, 0), new StrandMove(1.6, "media-1002", 1, 0)),
                List.of(0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0),
                List.of(
                        List.of(5.0, 6.0, 9.0, 12.0, 12.0, 9.0, 6.0, 5.0),
                        List.of(0.0, 0.0, 4.0, 0.5, 0.0, 0.0, 0.0, 0.0)),
                List.of(List.of(3, 3, 3, 5, 5, 5, 3, 3), List.of(0, 0, 2, 0, 0, 0, 0, 0)),
                List.of(0.0, 3.0),
                List.of(0.0, 0.1),
                0.5,
                8.0,
                2.9);
        final DemoConfig config = DemoConfig.standard(4, 2);
        return DemoReport.of(
                config,
                4.3,
                weft,
                plain,
                new EchoRuns.Figures(echo, echo, echo, carried ? echo : null),
                new BatchFigures("T1", 2, 1, 0, 0.3, ""),
                new ProcessFigures(1, 1, Map.of("echo.ok", 1L), 0, 0, 0, 0),
                balancing,
                List.of(2, 1),
                "/tmp/s",
                List.of(),
                120.0);
    }

    @Test
    void bothChartsAreWrittenAsPngsOfTheirSize(@TempDir final Path dir) throws IOException {
        final Path into = dir.resolve("charts");
        final List<Path> files = DemoPlots.write(report(), into);
        assertThat(files).containsExactly(into.resolve(DemoPlots.PACING), into.resolve(DemoPlots.CPU));
        for (final Path file : files) {
            final byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes).as(file.toString()).startsWith(PNG_SIGNATURE);
            assertThat(bytes.length).as(file.toString()).isBetween(5_000, 2_000_000);
            final BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as(file.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1_000);
            assertThat(image.getHeight()).isEqualTo(560);
        }
    }
}

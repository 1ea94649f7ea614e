package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoTargetsTest {

    private static MediaFigures media(final String way, final long lost, final double p99, final double cpu) {
        return new MediaFigures(
                way,
                8,
                1_000,
                1_000 - lost,
                lost,
                0,
                1_000 - lost,
                10,
                p99,
                p99 * 2,
                5,
                p99 / 2,
                5,
                p99 / 2,
                1,
                cpu,
                List.of());
    }

    private static final BatchFigures BATCH = new BatchFigures("T1", 2, 3, 0, 1.5, "");
    private static final ProcessFigures PROCESSES = new ProcessFigures(10, 10, Map.of("echo.ok", 10L), 0, 0, 0, 0);

    @Test
    void halfThePlainP99WithNoLossAndLessCpuMeetsEveryTarget() {
        final DemoTargets targets =
                DemoTargets.of(media("weft", 0, 50, 10), media("plain-jdk", 0, 100, 20), BATCH, PROCESSES);
        assertThat(targets.pacingP99Ratio()).isEqualTo(0.5);
        assertThat(targets.pacingMet()).isTrue();
        assertThat(targets.weftNoLoss()).isTrue();
        assertThat(targets.cpuPerSessionRatio()).isEqualTo(0.5);
        assertThat(targets.cpuMet()).isTrue();
        assertThat(targets.processesExactlyOnce()).isTrue();
        assertThat(targets.utsAllCorrect()).isTrue();
    }

    @Test
    void misses() {
        final DemoTargets targets = DemoTargets.of(
                media("weft", 3, 60, 30),
                media("plain-jdk", 0, 100, 20),
                new BatchFigures("T1", 2, 3, 1, 1.5, "wrong"),
                new ProcessFigures(10, 9, Map.of("echo.ok", 9L), 1, 0, 0, 0));
        assertThat(targets.pacingMet()).isFalse();
        assertThat(targets.weftNoLoss()).isFalse();
        assertThat(targets.cpuMet()).isFalse();
        assertThat(targets.processesExactlyOnce()).isFalse();
        assertThat(targets.utsAllCorrect()).isFalse();
    }

    @Test
    void unmeasuredFiguresMeetNothing() {
        final DemoTargets targets =
                DemoTargets.of(media("weft", 0, 0, -1), media("plain-jdk", 0, 0, 20), BATCH, PROCESSES);
        assertThat(targets.pacingP99Ratio()).isEqualTo(-1);
        assertThat(targets.pacingMet()).isFalse();
        assertThat(targets.cpuPerSessionRatio()).isEqualTo(-1);
        assertThat(targets.cpuMet()).isFalse();
    }
}

package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bench.workload.UtsParams;
import dev.weft.bench.workload.UtsResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One short demo run (a few seconds, two sessions per way, the small default UTS tree, one worker process), whose
 * report must be consistent. Timing figures are not asserted: the machine is shared.
 */
@Timeout(180)
class DemoTest {

    private static final int SECONDS = 2;
    private static final int SESSIONS = 2;
    private static final MediaProfile PROFILE = new MediaProfile(200, 200, 1.0);
    private static final int ECHO_RATE = 100;

    private static DemoReport report;
    private static final List<String> PROGRESS = new ArrayList<>();

    @BeforeAll
    static void runDemo() throws Exception {
        final DemoConfig config = new DemoConfig(SECONDS, SESSIONS, PROFILE, ECHO_RATE, "default",
                UtsParams.DEFAULT, UtsResult.DEFAULT, 2, 1, Duration.ofMillis(100), Duration.ofMillis(300));
        report = Demo.run(config, line -> {
            synchronized (PROGRESS) {
                PROGRESS.add(line);
            }
        });
    }

    @Test
    void everyMediaPacketIsReceivedOrLostOnBothWays() {
        final long perWay = PROFILE.packetsIn(SECONDS) * SESSIONS;
        for (final MediaFigures media : List.of(report.mediaWeft(), report.mediaPlain())) {
            assertThat(media.sessions()).as(media.way()).isEqualTo(SESSIONS);
            assertThat(media.sent()).as(media.way()).isEqualTo(perWay);
            assertThat(media.received()).as(media.way()).isBetween(0L, media.sent());
            assertThat(media.received() + media.lost()).as(media.way()).isEqualTo(media.sent());
            assertThat(media.reordered()).as(media.way()).isBetween(0L, media.received());
            assertThat(media.pacingP50Micros()).as(media.way()).isLessThanOrEqualTo(media.pacingP99Micros());
            assertThat(media.pacingP99Micros()).as(media.way()).isLessThanOrEqualTo(media.pacingMaxMicros());
        }
    }

    @Test
    void quotaPlacementPutsTheSessionsOnTheFirstReactorThatFits() {
        assertThat(report.sessionsPerMediaReactor()).containsExactly(SESSIONS, 0);
    }

    @Test
    void everyEchoRequestIsAnsweredOrLost() {
        for (final EchoFigures echo : List.of(report.echoWeft(), report.echoPlain())) {
            assertThat(echo.requests()).as(echo.way()).isEqualTo((long) ECHO_RATE * SECONDS);
            assertThat(echo.replies() + echo.lost()).as(echo.way()).isEqualTo(echo.requests());
            assertThat(echo.replies()).as(echo.way()).isBetween(0L, echo.requests());
            assertThat(echo.rttP50Micros()).as(echo.way()).isLessThanOrEqualTo(echo.rttP99Micros());
        }
    }

    @Test
    void everyUtsTreeHasThePublishedCounts() {
        assertThat(report.batch().trees()).isPositive();
        assertThat(report.batch().wrong()).as(report.batch().firstWrongCounts()).isZero();
        assertThat(report.targets().utsAllCorrect()).isTrue();
    }

    @Test
    void everyProcessTaskHasExactlyOneOutcome() {
        final ProcessFigures processes = report.processes();
        assertThat(processes.submitted()).isPositive();
        assertThat(processes.missing()).isZero();
        assertThat(processes.duplicated()).isZero();
        assertThat(processes.unknown()).isZero();
        assertThat(processes.outcomes()).isEqualTo(processes.submitted());
        assertThat(processes.byKind().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(processes.outcomes());
        assertThat(processes.wrongAnswers()).isZero();
        assertThat(processes.exactlyOnce()).isTrue();
    }

    @Test
    void jsonCarriesTheSameFigures() {
        final JsonNode root = JsonMapper.builder().build().readTree(report.json());
        assertThat(root.path("mediaWeft").path("sent").asLong()).isEqualTo(report.mediaWeft().sent());
        assertThat(root.path("mediaPlain").path("lost").asLong()).isEqualTo(report.mediaPlain().lost());
        assertThat(root.path("echoWeft").path("rttP99Micros").asDouble()).isEqualTo(report.echoWeft().rttP99Micros());
        assertThat(root.path("batch").path("trees").asLong()).isEqualTo(report.batch().trees());
        assertThat(root.path("processes").path("submitted").asLong()).isEqualTo(report.processes().submitted());
        assertThat(root.path("targets").has("pacingMet")).isTrue();
        assertThat(root.path("profile").path("packetsPerSecond").asInt()).isEqualTo(PROFILE.packetsPerSecond());
    }

    @Test
    void textPutsBothWaysSideBySide() {
        final String text = report.text();
        assertThat(text).contains("media sessions (seed 000)", "UDP echo (seed 001)", "weft", "plain JDK",
                "pacing error p99 (us)", "CPU per session", "UTS default", "each exactly one outcome");
        assertThat(text).contains(String.valueOf(report.mediaWeft().sent()));
    }

    @Test
    void progressWasReported() {
        synchronized (PROGRESS) {
            assertThat(PROGRESS).isNotEmpty();
            assertThat(PROGRESS.getFirst()).contains("media sent weft", "echo replies", "process tasks");
        }
    }
}

package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.platform.SchedulingPolicy;
import dev.weft.reactor.pipeline.TransmitterTasklet;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.workloads.UtsParams;
import dev.weft.workloads.UtsResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One short demo run (a few seconds, two sessions per way and a surge of one, the small default UTS tree, one worker
 * process), whose report must be consistent, and whose control socket answers {@code framework_get_reactors} during
 * the run (called from the first progress line, on the demo's own thread while the workloads run) and is gone
 * after it. Timing figures are not asserted: the machine is shared.
 */
@Timeout(180)
class DemoTest {

    private static final int SECONDS = 2;
    private static final int SESSIONS = 2;
    private static final MediaProfile PROFILE = new MediaProfile(200, 200, 1.0);
    private static final int ECHO_RATE = 100;

    private static DemoReport report;
    private static DemoConfig config;
    private static Path socket;
    private static boolean socketLeft;
    private static final List<String> PROGRESS = new ArrayList<>();
    private static final List<String> NOTICES = new ArrayList<>();
    private static final AtomicReference<JsonNode> REACTORS = new AtomicReference<>();

    @BeforeAll
    static void runDemo() throws Exception {
        config = new DemoConfig(
                SECONDS,
                SESSIONS,
                PROFILE,
                ECHO_RATE,
                "default",
                UtsParams.DEFAULT,
                UtsResult.DEFAULT,
                2,
                1,
                Duration.ofMillis(100),
                Duration.ofMillis(300),
                0,
                SchedulingPolicy.fair(Duration.ofMillis(1)));
        final Path dir = Files.createTempDirectory("weft-demo-test");
        socket = dir.resolve("demo.sock");
        try {
            report = Demo.run(
                    config,
                    socket,
                    line -> {
                        synchronized (NOTICES) {
                            NOTICES.add(line);
                        }
                    },
                    line -> {
                        if (REACTORS.get() == null) {
                            try (JsonRpcClient client = JsonRpcClient.connect(socket, false)) {
                                REACTORS.set(client.call("framework_get_reactors", null));
                            }
                        }
                        synchronized (PROGRESS) {
                            PROGRESS.add(line);
                        }
                    });
            socketLeft = Files.exists(socket, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void theControlSocketAnsweredDuringTheRunAndIsGoneAfterIt() {
        final JsonNode reactors = REACTORS.get();
        assertThat(reactors).as("framework_get_reactors during the run").isNotNull();
        assertThat(reactors.path("reactors").size()).isEqualTo(2);
        final List<String> threads = new ArrayList<>();
        reactors.path("reactors")
                .forEach(r -> r.path("lw_threads")
                        .forEach(t -> threads.add(t.path("name").asString())));
        assertThat(threads)
                .as("the round is no SPDK thread")
                .doesNotContain("balancing-round")
                .anyMatch(name -> name.startsWith("media-"));
        assertThat(report.controlSocket()).isEqualTo(socket.toString());
        assertThat(socketLeft).as("socket file left behind").isFalse();
        synchronized (NOTICES) {
            assertThat(NOTICES).anyMatch(line -> line.contains(socket.toString()) && line.contains("weft top"));
        }
    }

    @Test
    void theBalancingFiguresAreConsistent() {
        final BalancingFigures balancing = report.balancing();
        assertThat(balancing.balancer()).isEqualTo("dynamic");
        assertThat(balancing.rounds()).isNotNegative();
        for (final StrandMove move : balancing.moves()) {
            assertThat(move.strand()).startsWith("media-");
            assertThat(move.from()).isBetween(0, 1).isNotEqualTo(move.to());
            assertThat(move.to()).isBetween(0, 1);
            assertThat(move.atSeconds()).isPositive();
        }
        final int samples = balancing.sampleSeconds().size();
        assertThat(samples).isPositive();
        assertThat(balancing.cpuPercent())
                .hasSize(2)
                .allSatisfy(series -> assertThat(series).hasSize(samples));
        assertThat(balancing.strands())
                .hasSize(2)
                .allSatisfy(series -> assertThat(series).hasSize(samples));
        final double wall = balancing.pollingCpuSeconds() / 2;
        assertThat(balancing.parkedSeconds())
                .hasSize(2)
                .allSatisfy(parked -> assertThat(parked).isBetween(0.0, wall));
        assertThat(balancing.savedCpuSeconds()).isBetween(0.0, balancing.pollingCpuSeconds());
        assertThat(balancing.reactorCpuSeconds()).isNotNegative();
    }

    @Test
    void everyMediaPacketIsReceivedOrLostOnBothWays() {
        final long perWay = PROFILE.packetsIn(SECONDS) * SESSIONS
                + PROFILE.packetsIn(config.surgeSeconds()) * config.surgeSessions();
        for (final MediaFigures media : List.of(report.mediaWeft(), report.mediaPlain())) {
            assertThat(media.sessions()).as(media.way()).isEqualTo(SESSIONS + config.surgeSessions());
            assertThat(media.pacingBuckets()).as(media.way()).hasSize(MediaFigures.BUCKET_MICROS.size() + 1);
            assertThat(media.pacingBuckets().stream().mapToLong(Long::longValue).sum())
                    .as(media.way())
                    .isEqualTo(media.timed());
            assertThat(media.timed())
                    .as(media.way() + ": packets scheduled after the warm-up are timed")
                    .isPositive()
                    .isLessThanOrEqualTo(media.received());
            assertThat(media.sent()).as(media.way()).isEqualTo(perWay);
            assertThat(media.received()).as(media.way()).isBetween(0L, media.sent());
            assertThat(media.received() + media.lost()).as(media.way()).isEqualTo(media.sent());
            assertThat(media.reordered()).as(media.way()).isBetween(0L, media.received());
            assertThat(media.pacingP50Micros()).as(media.way()).isLessThanOrEqualTo(media.pacingP99Micros());
            assertThat(media.pacingP99Micros()).as(media.way()).isLessThanOrEqualTo(media.pacingMaxMicros());
            assertThat(media.sendLateP50Micros()).as(media.way()).isLessThanOrEqualTo(media.sendLateP99Micros());
            assertThat(media.sendLateP99Micros()).as(media.way()).isLessThanOrEqualTo(media.pacingMaxMicros());
            assertThat(media.transitP50Micros()).as(media.way()).isLessThanOrEqualTo(media.transitP99Micros());
            assertThat(media.transitP99Micros()).as(media.way()).isLessThanOrEqualTo(media.pacingMaxMicros());
        }
    }

    @Test
    void quotaPlacementPlacedEverySession() {
        assertThat(report.sessionsPerMediaReactor()).hasSize(2);
        assertThat(report.sessionsPerMediaReactor().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(SESSIONS + config.surgeSessions());
    }

    @Test
    void everyEchoRequestIsAnsweredOrLost() {
        assertThat(report.echoVirtual().way()).isEqualTo("plain-jdk-virtual");
        assertThat(report.echoVirtual().serverCpuNanos()).isEqualTo(-1);
        assertThat(report.echoCarried())
                .as("strands carry virtual threads in the test JVM")
                .isNotNull();
        assertThat(report.echoCarried().way()).isEqualTo("weft-virtual");
        assertThat(report.echoCarried().serverCpuNanos())
                .as("its reactor's CPU time")
                .isPositive();
        for (final EchoFigures echo :
                List.of(report.echoWeft(), report.echoPlain(), report.echoVirtual(), report.echoCarried())) {
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
        assertThat(processes.byKind().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(processes.outcomes());
        assertThat(processes.wrongAnswers()).isZero();
        assertThat(processes.exactlyOnce()).isTrue();
    }

    @Test
    void jsonCarriesTheSameFigures() {
        final JsonNode root = JsonMapper.builder().build().readTree(report.json());
        assertThat(root.path("mediaWeft").path("sent").asLong())
                .isEqualTo(report.mediaWeft().sent());
        assertThat(root.path("mediaPlain").path("lost").asLong())
                .isEqualTo(report.mediaPlain().lost());
        assertThat(root.path("echoWeft").path("rttP99Micros").asDouble())
                .isEqualTo(report.echoWeft().rttP99Micros());
        assertThat(root.path("batch").path("trees").asLong())
                .isEqualTo(report.batch().trees());
        assertThat(root.path("processes").path("submitted").asLong())
                .isEqualTo(report.processes().submitted());
        assertThat(root.path("targets").has("pacingMet")).isTrue();
        assertThat(root.path("profile").path("packetsPerSecond").asInt()).isEqualTo(PROFILE.packetsPerSecond());
        assertThat(root.path("balancing").path("moves").size())
                .isEqualTo(report.balancing().moves().size());
        assertThat(root.path("echoVirtual").path("replies").asLong())
                .isEqualTo(report.echoVirtual().replies());
        assertThat(root.path("echoCarried").path("rttP99Micros").asDouble())
                .isEqualTo(report.echoCarried().rttP99Micros());
        assertThat(root.path("pacing").asString()).isEqualTo(DemoReport.PACING);
        assertThat(root.path("garbageCollector").asString()).isNotBlank().isNotEqualTo("unknown");
        assertThat(root.path("reactorScheduling").asString()).isEqualTo("fair/1000");
        assertThat(root.path("warmUpSeconds").asDouble())
                .isEqualTo(config.warmUp().toNanos() / 1e9)
                .isPositive();
        assertThat(root.path("placementNotes").toString()).doesNotContain("keeps its priority");
    }

    @Test
    void theWeftLeadIsWithinItsBounds() {
        assertThat(report.weftLeadMicros())
                .isBetween(TransmitterTasklet.MIN_LEAD_NANOS / 1e3, TransmitterTasklet.MAX_LEAD_NANOS / 1e3);
        assertThat(report.text()).contains("pacing: both ways' deadlines on one shared grid");
    }

    @Test
    void textPutsBothWaysSideBySide() {
        final String text = report.text();
        assertThat(text)
                .contains(
                        "media sessions (MTL)",
                        "UDP echo (OpenPerf)",
                        "weft",
                        "plain JDK",
                        "pacing error p99 (us)",
                        "CPU per session",
                        "UTS default",
                        "each exactly one outcome",
                        "virtual thr.",
                        "vthr. on strand",
                        "balancing (SPDK): balancer 'dynamic'",
                        "strand moves",
                        "parking saved");
        assertThat(text).contains(String.valueOf(report.mediaWeft().sent()));
    }

    @Test
    void progressWasReported() {
        synchronized (PROGRESS) {
            assertThat(PROGRESS).isNotEmpty();
            assertThat(PROGRESS.getFirst())
                    .contains("media sent weft", "strand moves", "echo replies", "process tasks");
        }
    }
}

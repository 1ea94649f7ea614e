package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoJsonTest {

    private final String json = Resources.text("demo-sample.json");

    @Test
    void eachPartOfFiguresIsAMeasurementButNotTheProfileOrTheDemosOwnVerdicts() {
        final List<Measurement> parts = DemoJson.parse(json, "./weft demo --json");
        assertThat(parts)
                .extracting(Measurement::name)
                .containsExactly(
                        "demo.mediaWeft",
                        "demo.mediaPlain",
                        "demo.echoWeft",
                        "demo.echoPlain",
                        "demo.batch",
                        "demo.processes");
        assertThat(parts).allMatch(m -> m.command().equals("./weft demo --json"));
    }

    @Test
    void numericFieldsBecomeMetricsWithUnitsFromTheirNames() {
        final Measurement media = DemoJson.parse(json, "cmd").getFirst();
        assertThat(media.metrics())
                .containsKeys("sent", "lost", "pacingP99Micros", "cpuMillisPerSession")
                .doesNotContainKey("way");
        assertThat(media.metrics().get("sent")).isEqualTo(Figure.of(4000, ""));
        assertThat(media.metrics().get("pacingP99Micros")).isEqualTo(Figure.of(850395.135, "us"));
        assertThat(media.metrics().get("cpuMillisPerSession").unit()).isEqualTo("ms CPU/s");
        final Measurement batch = DemoJson.parse(json, "cmd").get(4);
        assertThat(batch.metrics().get("treesPerSecond").unit()).isEqualTo("trees/s");
    }

    @Test
    void settingsHoldTheRunAndTheProfile() {
        final Map<String, String> settings = DemoJson.settings(json);
        assertThat(settings)
                .containsEntry("seconds", "2")
                .containsEntry("sessions", "8")
                .containsEntry("profile.packetsPerSecond", "250")
                .containsKey("elapsedSeconds");
    }

    @Test
    void booleansCountAsOneOrZero() {
        final Measurement part = DemoJson.parse("{\"part\": {\"ok\": true, \"bad\": false}}", "cmd")
                .getFirst();
        assertThat(part.metrics().get("ok").value()).isEqualTo(1);
        assertThat(part.metrics().get("bad").value()).isZero();
    }

    @Test
    void skipsWhatPrecedesTheObjectAndRejectsNoObject() {
        assertThat(DemoJson.parse("weft: building...\n{\"batch\": {\"trees\": 3}}", "cmd"))
                .hasSize(1);
        assertThatThrownBy(() -> DemoJson.parse("no json here", "cmd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> DemoJson.parse("{\"batch\": ", "cmd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSON");
    }
}

package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The echo rows of the demo's report with and without the way on virtual threads carried by a strand. */
class DemoReportTest {

    @Test
    void theEchoTableHasAColumnForVirtualThreadsCarriedByAStrand() {
        final String text = DemoPlotsTest.report(true).text();
        final String header = text.lines()
                .filter(line -> line.startsWith("UDP echo (OpenPerf)"))
                .findFirst()
                .orElseThrow();
        assertThat(header).contains("weft", "platform thr.", "virtual thr.", "vthr. on strand");
        assertThat(text.lines()
                        .filter(line -> line.trim().startsWith("round trip p99 (us)"))
                        .findFirst()
                        .orElseThrow()
                        .trim()
                        .split(" +"))
                .containsExactly("round", "trip", "p99", "(us)", "90.0", "90.0", "90.0", "90.0");
        final JsonNode root =
                JsonMapper.builder().build().readTree(DemoPlotsTest.report(true).json());
        assertThat(root.path("echoCarried").path("rttP99Micros").asDouble()).isEqualTo(90.0);
    }

    @Test
    void aWayThatDidNotRunShowsNotApplicableAndIsNullInTheJson() {
        final DemoReport report = DemoPlotsTest.report(false);
        assertThat(report.echoCarried()).isNull();
        assertThat(report.text()
                        .lines()
                        .filter(line -> line.trim().startsWith("replies"))
                        .findFirst()
                        .orElseThrow()
                        .trim()
                        .split(" +"))
                .containsExactly("replies", "10", "10", "10", "n/a");
        final JsonNode root = JsonMapper.builder().build().readTree(report.json());
        assertThat(root.path("echoCarried").isNull()).as(root.toString()).isTrue();
    }
}

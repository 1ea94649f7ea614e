package dev.weft.cli.top;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopModelTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static TopSample sample(final long busy, final long idle, final long runs, final long busyRuns) {
        final JsonNode reactors = MAPPER.readTree("""
                {"tick_rate":1000000,"pid":1,"reactors":[{"lcore":3,"tid":9,"busy":%d,"idle":%d,"irq":0,"sys":0,
                 "usr":0,"in_interrupt":true,"numa_id":0,"lw_threads":[{"name":"io","id":7,"cpumask":"8",
                 "elapsed":5}]}]}
                """.formatted(busy, idle));
        final JsonNode threads = MAPPER.readTree("""
                {"tick_rate":1000000,"threads":[{"name":"io","id":7,"cpumask":"8","busy":%d,"idle":%d,
                 "active_pollers_count":1,"timed_pollers_count":1,"paused_pollers_count":0}]}
                """.formatted(busy, idle));
        final JsonNode pollers = MAPPER.readTree("""
                {"tick_rate":1000000,"threads":[{"name":"io","id":7,
                 "active_pollers":[{"name":"rx","state":"waiting","id":1,"run_count":%d,"busy_count":%d}],
                 "timed_pollers":[{"name":"tick","state":"waiting","id":2,"run_count":4,"busy_count":0,
                                   "period_ticks":2500}],
                 "paused_pollers":[]}]}
                """.formatted(runs, busyRuns));
        return new TopSample(reactors, threads, pollers);
    }

    @Test
    void usageComesFromDeltasLikeSpdkTop() {
        final TopSample first = sample(100, 900, 10, 5);
        final TopSample second = sample(400, 1000, 30, 5);
        final List<Object> thread = TopModel.rows(TopTab.THREADS, first, second).get(0);
        assertThat(thread).containsExactly("io", 7L, 3, 1L, 1L, 0L, 100L, 300L, 75.0);
        final List<Object> core = TopModel.rows(TopTab.CORES, first, second).get(0);
        assertThat(core).containsExactly(3L, "Yes", 1L, 2L, 100L, 300L, "n/a", 75.0);
        final List<List<Object>> pollers = TopModel.rows(TopTab.POLLERS, first, second);
        assertThat(pollers.get(0)).containsExactly("rx", "Active", "io", 20L, 0L, "n/a", "idle");
        assertThat(pollers.get(1)).containsExactly("tick", "Timed", "io", 0L, 0L, 2500L, "idle");
    }

    @Test
    void firstRefreshShowsTotals() {
        final List<Object> thread = TopModel.rows(TopTab.THREADS, null, sample(1, 3, 2, 1)).get(0);
        assertThat(thread.get(8)).isEqualTo(25.0);
        assertThat(TopModel.rows(TopTab.POLLERS, null, sample(1, 3, 2, 1)).get(0).get(6)).isEqualTo("busy");
    }

    @Test
    void sortPutsLargestNumbersFirstAndTextInOrder() {
        final List<List<Object>> rows = List.of(List.of("b", 1.0), List.of("a", 3.0), List.of("c", 2.0));
        assertThat(TopModel.sorted(rows, 1)).extracting(r -> r.get(0)).containsExactly("a", "c", "b");
        assertThat(TopModel.sorted(rows, 0)).extracting(r -> r.get(0)).containsExactly("a", "b", "c");
    }

    @Test
    void schedulerLineNamesTheBalancerItsPeriodCoresGovernorAndOptions() {
        final JsonNode scheduler = MAPPER.readTree("""
                {"scheduler_name":"dynamic","scheduler_period":1000000,"isolated_core_mask":"4","scheduling_core":0,
                 "governor_name":"simulated","load_limit":20,"core_limit":80,"core_busy":95}
                """);
        assertThat(TopModel.schedulerLine(scheduler)).isEqualTo("balancer dynamic  period 1000000 us  scheduling core 0"
                + "  isolated 0x4  governor simulated  load_limit=20  core_limit=80  core_busy=95");
        assertThat(TopModel.schedulerLine(MAPPER.readTree("{\"scheduler_period\":0,\"scheduling_core\":2,"
                + "\"isolated_core_mask\":\"0\"}"))).isEqualTo("balancer none  period 0 us  scheduling core 2"
                + "  isolated 0x0  governor none");
        assertThat(TopModel.schedulerLine(tools.jackson.databind.node.MissingNode.getInstance())).isEmpty();
    }
}

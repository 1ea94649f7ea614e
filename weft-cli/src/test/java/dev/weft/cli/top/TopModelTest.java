package dev.weft.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

class TopModelTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static TopSample sample(final long busy, final long idle, final long runs, final long busyRuns) {
        return sample(busy, idle, runs, busyRuns, 0, 0, 0);
    }

    static TopSample sample(
            final long busy,
            final long idle,
            final long runs,
            final long busyRuns,
            final long usr,
            final long sys,
            final long irq) {
        final JsonNode reactors = MAPPER.readTree("""
                {"tick_rate":1000000,"pid":1,"reactors":[{"lcore":3,"tid":9,"busy":%d,"idle":%d,"irq":%d,"sys":%d,
                 "usr":%d,"in_interrupt":true,"numa_id":0,"lw_threads":[{"name":"io","id":7,"cpumask":"8",
                 "elapsed":5}]}]}
                """.formatted(busy, idle, irq, sys, usr));
        final JsonNode threads = MAPPER.readTree("""
                {"tick_rate":1000000,"threads":[{"name":"io","id":7,"cpumask":"8","busy":%d,"idle":%d,
                 "active_pollers_count":1,"timed_pollers_count":1,"paused_pollers_count":1}]}
                """.formatted(busy, idle));
        final JsonNode pollers = MAPPER.readTree("""
                {"tick_rate":1000000,"threads":[{"name":"io","id":7,
                 "active_pollers":[{"name":"rx","state":"waiting","id":1,"run_count":%d,"busy_count":%d}],
                 "timed_pollers":[{"name":"tick","state":"waiting","id":2,"run_count":4,"busy_count":0,
                                   "period_ticks":2500}],
                 "paused_pollers":[{"name":"held","state":"paused","id":3,"run_count":6,"busy_count":2,
                                   "period_ticks":0}]}]}
                """.formatted(runs, busyRuns));
        return new TopSample(reactors, threads, pollers);
    }

    @Test
    void usageComesFromDeltasLikeSpdkTop() {
        final TopSample first = sample(100, 900, 10, 5, 1000, 10, 0);
        final TopSample second = sample(400, 1000, 30, 5, 1075, 30, 5);
        final List<Object> thread = TopModel.rows(TopTab.THREADS, first, second).get(0);
        assertThat(thread).containsExactly("io", 7L, 3L, 1L, 1L, 1L, 100L, 300L, 75.0);
        final List<Object> core = TopModel.rows(TopTab.CORES, first, second).get(0);
        assertThat(core).containsExactly(3L, 1L, 3L, 100L, 300L, 75.0, "Busy", "Yes", 20.0, 5.0, null);
        final List<List<Object>> pollers = TopModel.rows(TopTab.POLLERS, first, second);
        assertThat(pollers.get(0)).containsExactly("rx", "Active", "io", 20L, null, "Idle", 0L);
        assertThat(pollers.get(1)).containsExactly("tick", "Timed", "io", 0L, 2500L, "Idle", 0L);
    }

    @Test
    void percentagesAreRoundedToHundredthsAsSpdkTopPrintsThem() {
        final List<Object> thread = TopModel.rows(TopTab.THREADS, sample(0, 0, 0, 0), sample(2, 1, 0, 0))
                .get(0);
        assertThat(thread.get(TopTab.THREADS.columnIndex("cpu_pct"))).isEqualTo(66.67);
        assertThat(TopScreen.format(thread.get(TopTab.THREADS.columnIndex("cpu_pct"))))
                .isEqualTo("66.67");
    }

    @Test
    void pausedPollersAreListedWithTheirTypeAndStatusLikeSpdkTop() {
        final List<List<Object>> totals = TopModel.rows(TopTab.POLLERS, null, sample(1, 3, 2, 1));
        assertThat(totals.get(2)).containsExactly("held", "Paused", "io", 6L, null, "Busy", 2L);
        final List<List<Object>> interval = TopModel.rows(TopTab.POLLERS, sample(1, 3, 2, 1), sample(1, 3, 2, 1));
        assertThat(interval.get(2)).containsExactly("held", "Paused", "io", 0L, null, "Idle", 0L);
    }

    @Test
    void firstRefreshShowsTotals() {
        final List<Object> thread =
                TopModel.rows(TopTab.THREADS, null, sample(1, 3, 2, 1)).get(0);
        assertThat(thread.get(8)).isEqualTo(25.0);
        assertThat(TopModel.rows(TopTab.POLLERS, null, sample(1, 3, 2, 1))
                        .get(0)
                        .get(5))
                .isEqualTo("Busy");
    }

    @Test
    void valuesTheServerDidNotGiveAreNullNeverPlaceholderText() {
        final TopSample same = sample(5, 5, 1, 1);
        final List<Object> core = TopModel.rows(TopTab.CORES, same, same).get(0);
        assertThat(core.get(TopTab.CORES.columnIndex("busy_pct"))).isNull();
        assertThat(core.get(TopTab.CORES.columnIndex("status"))).isEqualTo("Idle");
        assertThat(core.get(TopTab.CORES.columnIndex("sys_pct"))).isNull();
        assertThat(core.get(TopTab.CORES.columnIndex("irq_pct"))).isNull();
        assertThat(core.get(TopTab.CORES.columnIndex("freq_mhz"))).isNull();
        assertThat(TopModel.rows(TopTab.THREADS, same, same).get(0).get(8)).isNull();
        for (final TopTab tab : TopTab.values()) {
            for (final List<Object> row : TopModel.rows(tab, null, sample(1, 3, 2, 1))) {
                assertThat(row).doesNotContain("n/a").hasSize(tab.columns().size());
            }
        }
    }

    @Test
    void sortPutsLargestNumbersFirstTextInOrderAndEmptyCellsLast() {
        final List<List<Object>> rows =
                List.of(List.of("b", 1.0), List.of("a", 3.0), List.of("c", 2.0), Arrays.asList("d", null));
        assertThat(TopModel.sorted(rows, 1)).extracting(r -> r.get(0)).containsExactly("a", "c", "b", "d");
        assertThat(TopModel.sorted(rows, 0)).extracting(r -> r.get(0)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void schedulerLineNamesTheBalancerItsPeriodCoresGovernorAndOptions() {
        final JsonNode scheduler = MAPPER.readTree("""
                {"scheduler_name":"dynamic","scheduler_period":1000000,"isolated_core_mask":"4","scheduling_core":0,
                 "governor_name":"simulated","load_limit":20,"core_limit":80,"core_busy":95}
                """);
        assertThat(TopModel.schedulerLine(scheduler))
                .isEqualTo("balancer dynamic  period 1000000 us  scheduling core 0"
                        + "  isolated 4  governor simulated  load_limit=20  core_limit=80  core_busy=95");
        assertThat(TopModel.schedulerLine(MAPPER.readTree(
                        "{\"scheduler_period\":0,\"scheduling_core\":2," + "\"isolated_core_mask\":\"0\"}")))
                .isEqualTo("balancer none  period 0 us  scheduling core 2" + "  isolated 0  governor none");
        assertThat(TopModel.schedulerLine(MissingNode.getInstance())).isEmpty();
    }
}

package dev.weft.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TopViewTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int WIDTH = 200;
    private static final int HEIGHT = 10;

    /** A server with {@code count} threads on core 0, thread i busy for i ticks more each refresh. */
    private static TopSample threads(final int count, final long step) {
        final List<String> lwThreads = new ArrayList<>();
        final List<String> stats = new ArrayList<>();
        final List<String> pollers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lwThreads.add("{\"name\":\"t%d\",\"id\":%d,\"cpumask\":\"1\",\"elapsed\":1}".formatted(i, i));
            stats.add(("{\"name\":\"t%d\",\"id\":%d,\"cpumask\":\"1\",\"busy\":%d,\"idle\":%d,"
                            + "\"active_pollers_count\":0,\"timed_pollers_count\":0,\"paused_pollers_count\":0}")
                    .formatted(i, i, i * step, 1000 * step));
            pollers.add("{\"name\":\"t%d\",\"id\":%d,\"active_pollers\":[],\"timed_pollers\":[],\"paused_pollers\":[]}"
                    .formatted(i, i));
        }
        final JsonNode reactors = MAPPER.readTree(("{\"tick_rate\":1000000,\"pid\":1,\"reactors\":[{\"lcore\":0,"
                        + "\"tid\":9,\"busy\":%d,\"idle\":%d,\"irq\":0,\"sys\":0,\"usr\":0,\"in_interrupt\":false,"
                        + "\"numa_id\":0,\"lw_threads\":[%s]}]}")
                .formatted(step, step, String.join(",", lwThreads)));
        final JsonNode scheduler = MAPPER.readTree("{\"scheduler_name\":\"dynamic\",\"scheduler_period\":1000000,"
                + "\"isolated_core_mask\":\"0\",\"scheduling_core\":0}");
        return new TopSample(
                reactors,
                MAPPER.readTree("{\"tick_rate\":1000000,\"threads\":[%s]}".formatted(String.join(",", stats))),
                MAPPER.readTree("{\"tick_rate\":1000000,\"threads\":[%s]}".formatted(String.join(",", pollers))),
                scheduler);
    }

    private static TopView view(final int count) {
        final TopView view = new TopView(Duration.ofSeconds(1));
        view.sample(threads(count, 1));
        view.sample(threads(count, 2));
        return view;
    }

    private static String text(final TopView.Frame frame) {
        return String.join("\n", frame.lines());
    }

    @Test
    void framesShowTabsBalancerHeaderAPageOfRowsThePageAndTheKeys() {
        final TopView view = view(12);
        final TopView.Frame frame = view.render(WIDTH, HEIGHT);
        assertThat(frame.lines()).hasSize(HEIGHT);
        assertThat(frame.lines().get(0))
                .contains("[1] THREADS")
                .contains("[2] POLLERS")
                .contains("[3] CORES");
        assertThat(frame.lines().get(1)).startsWith("balancer dynamic").contains("isolated 0 ");
        assertThat(frame.lines().get(2)).startsWith("Thread name").contains("CPU %");
        assertThat(frame.lines().get(3)).as("sorted by CPU %, busiest first").startsWith("t12 ");
        assertThat(frame.lines().get(HEIGHT - 2))
                .startsWith("Page: 1/3")
                .contains("sort: CPU %")
                .contains("since last refresh");
        assertThat(frame.lines().get(HEIGHT - 1)).isEqualTo(TopView.KEYS_LINE);
        assertThat(frame.highlights())
                .contains(new TopView.Highlight(3, 0, frame.lines().get(3).length()));
        assertThat(view.render(40, HEIGHT).lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThan(41));
    }

    @Test
    void pageKeysTurnPagesAndArrowsMoveTheSelection() {
        final TopView view = view(12);
        view.render(WIDTH, HEIGHT);
        view.press(TopView.Key.PAGE_DOWN);
        TopView.Frame frame = view.render(WIDTH, HEIGHT);
        assertThat(frame.lines().get(HEIGHT - 2)).startsWith("Page: 2/3");
        assertThat(frame.lines().get(3)).startsWith("t7 ");
        view.press(TopView.Key.DOWN);
        frame = view.render(WIDTH, HEIGHT);
        assertThat(frame.highlights())
                .contains(new TopView.Highlight(4, 0, frame.lines().get(4).length()));
        view.press(TopView.Key.PAGE_DOWN);
        view.press(TopView.Key.PAGE_DOWN);
        assertThat(view.render(WIDTH, HEIGHT).lines().get(HEIGHT - 2)).startsWith("Page: 3/3");
        view.press(TopView.Key.PAGE_UP);
        assertThat(view.render(WIDTH, HEIGHT).lines().get(HEIGHT - 2)).startsWith("Page: 2/3");
        view.type('2');
        assertThat(view.render(WIDTH, HEIGHT).lines().get(HEIGHT - 2))
                .as("a new tab starts on its first page")
                .startsWith("Page: 1/1");
    }

    @Test
    void enterOpensTheSelectedThreadsDetailsAndEscapeClosesThemThenQuits() {
        final TopView view = view(3);
        view.render(WIDTH, 20);
        view.press(TopView.Key.DOWN);
        view.press(TopView.Key.ENTER);
        assertThat(view.popup()).contains(new TopDetails.ThreadRef(2));
        final TopView.Frame frame = view.render(WIDTH, 20);
        assertThat(frame.lines()).anySatisfy(line -> assertThat(line).matches(".*\\| +t2 +\\|.*"));
        assertThat(text(frame)).contains("Busy [us]: 2 ").contains("[Esc] Close");
        assertThat(view.type('s'))
                .as("keys other than Escape and q wait while a pop-up is open")
                .isTrue();
        assertThat(view.press(TopView.Key.ESCAPE)).isTrue();
        assertThat(view.popup()).isEmpty();
        assertThat(view.press(TopView.Key.ESCAPE)).isFalse();
    }

    @Test
    void coreDetailsLeadToTheChosenThreadsDetails() {
        final TopView view = view(3);
        view.type('3');
        view.render(WIDTH, 20);
        view.press(TopView.Key.ENTER);
        assertThat(view.popup()).contains(new TopDetails.CoreRef(0, 0));
        view.press(TopView.Key.DOWN);
        view.press(TopView.Key.DOWN);
        view.press(TopView.Key.DOWN);
        assertThat(view.popup()).as("the choice stops at the last thread").contains(new TopDetails.CoreRef(0, 2));
        final TopView.Frame frame = view.render(WIDTH, 20);
        assertThat(text(frame)).contains("Core 0 details").contains("Threads on this core");
        assertThat(frame.highlights())
                .hasSize(2)
                .anySatisfy(h -> assertThat(frame.lines()
                                .get(h.row())
                                .substring(h.column(), h.column() + h.length())
                                .trim())
                        .isEqualTo("t3"));
        view.press(TopView.Key.ENTER);
        assertThat(view.popup()).contains(new TopDetails.ThreadRef(3));
        view.press(TopView.Key.ESCAPE);
        assertThat(view.popup()).contains(new TopDetails.CoreRef(0, 2));
    }

    @Test
    void schedulerAndHelpPopUpsOpenFromTheirKeys() {
        final TopView view = view(1);
        view.type('g');
        assertThat(text(view.render(WIDTH, 20)))
                .contains("Scheduler")
                .contains("Name: dynamic")
                .contains("Period [us]: 1000000")
                .contains("Isolated core mask: 0");
        view.press(TopView.Key.ESCAPE);
        view.type('h');
        assertThat(text(view.render(WIDTH, 30))).contains("HELP").contains("[PgDown] Next page");
        assertThat(view.type('q')).isFalse();
    }

    @Test
    void totalsShowFiguresSinceTheStart() {
        final TopView view = view(1);
        assertThat(view.rows(TopTab.THREADS).getFirst().get(TopTab.THREADS.columnIndex("busy_us")))
                .isEqualTo(1L);
        view.type('t');
        assertThat(view.isTotals()).isTrue();
        assertThat(view.rows(TopTab.THREADS).getFirst().get(TopTab.THREADS.columnIndex("busy_us")))
                .isEqualTo(2L);
        assertThat(view.render(WIDTH, HEIGHT).lines().get(HEIGHT - 2)).contains("totals since start");
    }
}

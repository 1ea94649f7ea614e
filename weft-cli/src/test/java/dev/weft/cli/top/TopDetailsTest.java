package dev.weft.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

class TopDetailsTest {

    private static final TopSample FIRST = TopModelTest.sample(100, 900, 10, 5, 1000, 10, 0);
    private static final TopSample SECOND = TopModelTest.sample(400, 1000, 30, 5, 1075, 30, 5);

    private static List<List<Object>> rows(final TopTab tab) {
        return TopModel.rows(tab, FIRST, SECOND);
    }

    @Test
    void threadDetailsShowItsCoreTimesCountsAndPollersLikeSpdkTop() {
        final TopDetails.Popup popup = TopDetails.build(new TopDetails.ThreadRef(7), TopDetailsTest::rows, SECOND);
        assertThat(popup.title()).isEqualTo("io");
        assertThat(popup.lines().get(0))
                .contains("Core: 3")
                .contains("Idle [us]: 100")
                .contains("Busy [us]: 300");
        assertThat(popup.lines().get(1))
                .contains("Active pollers: 1")
                .contains("Timed pollers: 1")
                .contains("Paused pollers: 1");
        assertThat(popup.lines().get(3))
                .contains("Pollers")
                .contains("Type")
                .contains("Total run count")
                .contains("Period [us]");
        assertThat(popup.lines().subList(4, 7))
                .satisfiesExactly(
                        rx -> assertThat(rx.split(" +")).containsExactly("rx", "Active", "30"),
                        tick -> assertThat(tick.split(" +")).containsExactly("tick", "Timed", "4", "2500"),
                        held -> assertThat(held.split(" +")).containsExactly("held", "Paused", "6"));
        assertThat(TopDetails.build(new TopDetails.ThreadRef(99), TopDetailsTest::rows, SECOND)
                        .lines())
                .containsExactly("This thread does not exist.");
    }

    @Test
    void pollerDetailsShowTypeThreadRunsPeriodAndStatus() {
        final TopDetails.Popup rx =
                TopDetails.build(new TopDetails.PollerRef("io", "rx", "Active"), TopDetailsTest::rows, SECOND);
        assertThat(rx.title()).isEqualTo("rx");
        assertThat(rx.lines().get(0)).contains("Type: Active").contains("On thread: io");
        assertThat(rx.lines().get(1)).isEqualTo("Run count: 20");
        assertThat(rx.lines().get(2)).isEqualTo("Status: Idle");
        final TopDetails.Popup tick =
                TopDetails.build(new TopDetails.PollerRef("io", "tick", "Timed"), TopDetailsTest::rows, SECOND);
        assertThat(tick.lines().get(1)).contains("Run count: 0").contains("Period: 2500");
        final TopDetails.Popup held =
                TopDetails.poller(TopModel.rows(TopTab.POLLERS, null, SECOND).get(2));
        assertThat(held.lines().get(0)).contains("Type: Paused");
        assertThat(held.lines().get(2)).contains("Status: Busy").contains("Busy count: 2");
        assertThat(TopDetails.build(new TopDetails.PollerRef("io", "rx", "Timed"), TopDetailsTest::rows, SECOND)
                        .lines())
                .containsExactly("This poller does not exist.");
    }

    @Test
    void coreDetailsShowItsFiguresAndLetOneOfItsThreadsBeChosen() {
        final TopDetails.Popup core = TopDetails.build(new TopDetails.CoreRef(3, 5), TopDetailsTest::rows, SECOND);
        assertThat(core.title()).isEqualTo("Core 3 details");
        assertThat(core.lines().get(0)).contains("Frequency: N/A").contains("Intr: Yes");
        assertThat(core.lines().get(1)).contains("Thread count: 1").contains("Idle time: 100");
        assertThat(core.lines().get(2)).contains("Poller count: 3").contains("Busy time: 300");
        assertThat(core.lines()).contains("Threads on this core");
        assertThat(core.lines().get(core.choiceLine())).isEqualTo("io");
        assertThat(core.chosenThread()).isEqualTo(7);
    }

    @Test
    void schedulerPopUpShowsEveryFieldOfFrameworkGetScheduler() {
        final TopDetails.Popup popup =
                TopDetails.scheduler(JsonMapper.builder().build().readTree("""
                {"scheduler_name":"dynamic","scheduler_period":1000000,"isolated_core_mask":"0",
                 "scheduling_core":0,"load_limit":20,"core_limit":80,"core_busy":95}
                """));
        assertThat(popup.title()).isEqualTo("Scheduler");
        assertThat(popup.lines())
                .containsExactly(
                        "Name: dynamic",
                        "Period [us]: 1000000",
                        "Isolated core mask: 0",
                        "Scheduling core: 0",
                        "load_limit: 20",
                        "core_limit: 80",
                        "core_busy: 95");
        assertThat(TopDetails.scheduler(MissingNode.getInstance()).lines())
                .containsExactly("The server does not report a scheduler.");
    }

    @Test
    void helpListsEveryKey() {
        final String help = String.join(
                "\n",
                TopDetails.build(new TopDetails.HelpRef(), tab -> List.of(), SECOND)
                        .lines());
        for (final String key : Arrays.asList(
                "[q]",
                "[Tab]",
                "[1-3]",
                "[PgUp]",
                "[PgDown]",
                "[Up]",
                "[Down]",
                "[s]",
                "[t]",
                "[Enter]",
                "[g]",
                "[h]")) {
            assertThat(help).contains(key);
        }
    }
}

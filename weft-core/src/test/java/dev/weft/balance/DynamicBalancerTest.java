package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DynamicBalancerTest {

    private static final Set<Integer> ALL3 = Set.of(0, 1, 2);
    private final DynamicBalancer dynamic = new DynamicBalancer();

    @Test
    void spdkScenarioAllIdleStrandsGatherOnTheMainReactor() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(ReactorLoad.of(0, 10, 990), ReactorLoad.of(1, 10, 990), ReactorLoad.of(2, 10, 990)),
                List.of(
                        StrandLoad.of(1, 0, ALL3, 10, 990),
                        StrandLoad.of(2, 1, ALL3, 10, 990),
                        StrandLoad.of(3, 2, ALL3, 10, 990)),
                0);
        final BalancePlan plan = dynamic.balance(snapshot);
        assertThat(plan.placementAfter(snapshot)).containsOnly(entry(1L, 0), entry(2L, 0), entry(3L, 0));
        assertThat(plan.moves()).containsExactly(entry(2L, 0), entry(3L, 0));
        assertThat(plan.interruptModes()).containsExactly(entry(0, false), entry(1, true), entry(2, true));
        assertThat(plan.frequencies())
                .containsExactly(
                        entry(1, FrequencyAction.MIN), entry(2, FrequencyAction.MIN), entry(0, FrequencyAction.DOWN));
    }

    @Test
    void spdkScenarioAllBusyOnOneReactorSpreadSoThatNoReactorIsEmpty() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(ReactorLoad.of(0, 3000, 0), ReactorLoad.of(1, 0, 0), ReactorLoad.of(2, 0, 0)),
                List.of(
                        StrandLoad.of(1, 0, ALL3, 1000, 0),
                        StrandLoad.of(2, 0, ALL3, 1000, 0),
                        StrandLoad.of(3, 0, ALL3, 1000, 0)),
                0);
        final BalancePlan plan = dynamic.balance(snapshot);
        for (int reactor = 0; reactor < 3; reactor++) {
            assertThat(plan.strandsOnAfter(snapshot, reactor))
                    .as("reactor %d", reactor)
                    .hasSize(1);
        }
        assertThat(plan.interruptModes()).containsOnly(entry(0, false), entry(1, false), entry(2, false));
        assertThat(plan.frequencies()).containsEntry(0, FrequencyAction.MAX).containsEntry(1, FrequencyAction.MAX);
    }

    @Test
    void theOverloadClampKeepsASaturatedReactorFromLookingRelieved() {
        // Reactor 1 is saturated (96%) by three strands; the main reactor 0 is too full to take any. The first
        // strand leaves for reactor 2 and reactor 1 falls to 62%, under core_limit: the clamp sets it to exactly
        // 80%, so it is still at its limit and the second strand leaves too. Without the clamp it would stay.
        final Set<Integer> all = Set.of(0, 1, 2, 3);
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(
                        ReactorLoad.of(0, 900, 100),
                        ReactorLoad.of(1, 960, 40),
                        ReactorLoad.of(2, 0, 1000),
                        ReactorLoad.of(3, 0, 1000)),
                List.of(
                        StrandLoad.of(9, 0, all, 900, 0), StrandLoad.of(1, 1, all, 340, 0),
                        StrandLoad.of(2, 1, all, 330, 0), StrandLoad.of(3, 1, all, 290, 0)),
                0);
        assertThat(dynamic.balance(snapshot).moves()).containsExactly(entry(1L, 2), entry(2L, 2));
        assertThat(new DynamicBalancer(20, 80, 97).balance(snapshot).moves()).containsExactly(entry(1L, 2));
    }

    @Test
    void busyStrandsConsolidateOnLowerReactorsThatFit() {
        final Set<Integer> all = Set.of(0, 1, 2, 3);
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(
                        ReactorLoad.of(0, 0, 1000),
                        ReactorLoad.of(1, 300, 700),
                        ReactorLoad.of(2, 0, 1000),
                        ReactorLoad.of(3, 300, 700)),
                List.of(StrandLoad.of(1, 1, all, 300, 700), StrandLoad.of(2, 3, all, 300, 700)),
                0);
        final BalancePlan plan = dynamic.balance(snapshot);
        assertThat(plan.moves()).containsExactly(entry(1L, 0), entry(2L, 0));
        assertThat(plan.interruptModes())
                .containsExactly(entry(0, false), entry(1, true), entry(2, true), entry(3, true));
        assertThat(plan.frequencies()).containsEntry(0, FrequencyAction.UP);
    }

    @Test
    void theMainReactorStepsUpWhenItIsBusierThanIdleAndNothingElseRuns() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(ReactorLoad.of(0, 700, 300), ReactorLoad.of(1, 0, 0)),
                List.of(StrandLoad.of(1, 0, Set.of(0, 1), 700, 300)),
                0);
        assertThat(dynamic.balance(snapshot).frequencies())
                .containsExactly(entry(1, FrequencyAction.MIN), entry(0, FrequencyAction.UP));
    }

    @Test
    void anIdleStrandWhoseMaskExcludesTheMainReactorStaysPut() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(ReactorLoad.of(0, 0, 1000), ReactorLoad.of(1, 10, 990), ReactorLoad.of(2, 10, 990)),
                List.of(StrandLoad.of(1, 1, Set.of(1, 2), 10, 990), StrandLoad.of(2, 2, Set.of(0, 2), 10, 990)),
                0);
        final BalancePlan plan = dynamic.balance(snapshot);
        assertThat(plan.moves()).containsExactly(entry(2L, 0));
        assertThat(plan.interruptModes()).containsEntry(1, false).containsEntry(2, true);
    }

    @Test
    void busyStrandsOnlyGoWhereTheirMaskAllows() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(ReactorLoad.of(0, 0, 1000), ReactorLoad.of(1, 1000, 0), ReactorLoad.of(2, 0, 1000)),
                List.of(StrandLoad.of(1, 1, Set.of(1, 2), 500, 0), StrandLoad.of(2, 1, Set.of(1, 2), 500, 0)),
                0);
        final BalancePlan plan = dynamic.balance(snapshot);
        assertThat(plan.moves()).containsExactly(entry(1L, 2));
    }

    @Test
    void isolatedReactorsNeitherLoseNorGainStrands() {
        final ReactorLoad isolated = ReactorLoad.of(1, 10, 990).withIsolated(true);
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(ReactorLoad.of(0, 1000, 0), isolated, ReactorLoad.of(2, 0, 0)),
                List.of(
                        StrandLoad.of(1, 0, ALL3, 500, 0),
                        StrandLoad.of(2, 0, ALL3, 500, 0),
                        StrandLoad.of(3, 1, ALL3, 10, 990)),
                0);
        final BalancePlan plan = dynamic.balance(snapshot);
        assertThat(plan.moves()).doesNotContainKey(3L).containsExactly(entry(1L, 2));
        assertThat(plan.placementAfter(snapshot)).containsEntry(3L, 1);
    }

    @Test
    void optionsAreReportedAndChecked() {
        assertThat(dynamic.options())
                .containsExactly(entry("load_limit", 20), entry("core_limit", 80), entry("core_busy", 95));
        final LoadSnapshot any = new LoadSnapshot(List.of(ReactorLoad.of(0, 0, 0)), List.of(), 0);
        assertThat(dynamic.withOptions(Map.of("core_limit", 70), any).options())
                .containsExactly(entry("load_limit", 20), entry("core_limit", 70), entry("core_busy", 95));
        assertThat(dynamic.withOptions(Map.of("load_limit", 200), any).options())
                .containsEntry("load_limit", 200);
        assertThatThrownBy(() -> dynamic.withOptions(Map.of("core_limit", 256), any))
                .hasMessage("balancer 'dynamic' option 'core_limit' is 256, outside [0, 255] (SPDK's uint8)");
        assertThatThrownBy(() -> dynamic.withOptions(Map.of("load_limit", 2.5), any))
                .hasMessageContaining("'load_limit' must be a whole percentage, not 2.5");
        assertThatThrownBy(() -> dynamic.withOptions(Map.of("core_limit", "80"), any))
                .hasMessageContaining("must be a whole percentage, not 80");
        assertThatThrownBy(() -> dynamic.withOptions(Map.of("period", 5), any))
                .hasMessageContaining("balancer 'dynamic' has no option 'period'");
        assertThatThrownBy(() -> new DynamicBalancer(-1, 80, 95)).hasMessageContaining("-1, outside [0, 255]");
    }
}

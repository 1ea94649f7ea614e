package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GovernorOnlyBalancerTest {

    private static ReactorLoad reactor(final int id, final int core, final long busyPercent) {
        return new ReactorLoad(id, id, core, 0, busyPercent, 100 - busyPercent, false, false, 0, 0, true, false, 12);
    }

    @Test
    void thresholdsOneFiftyAndNinetyNine() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(
                        reactor(0, 0, 0),
                        reactor(1, 1, 1),
                        reactor(2, 2, 49),
                        reactor(3, 3, 50),
                        reactor(4, 4, 98),
                        reactor(5, 5, 99),
                        reactor(6, 6, 100)),
                List.of(),
                0);
        final BalancePlan plan = new GovernorOnlyBalancer().balance(snapshot);
        assertThat(plan.frequencies())
                .containsExactly(
                        entry(0, FrequencyAction.MIN),
                        entry(1, FrequencyAction.DOWN),
                        entry(2, FrequencyAction.DOWN),
                        entry(3, FrequencyAction.UP),
                        entry(4, FrequencyAction.UP),
                        entry(5, FrequencyAction.MAX),
                        entry(6, FrequencyAction.MAX));
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.interruptModes()).isEmpty();
    }

    @Test
    void theBusiestSmtSiblingDecidesForItsCore() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(reactor(0, 0, 0), reactor(1, 1, 10), reactor(2, 0, 99), reactor(3, 1, 60), reactor(4, -1, 0)),
                List.of(),
                0);
        assertThat(new GovernorOnlyBalancer().balance(snapshot).frequencies())
                .containsExactly(
                        entry(0, FrequencyAction.MAX),
                        entry(1, FrequencyAction.UP),
                        entry(2, FrequencyAction.MAX),
                        entry(3, FrequencyAction.UP),
                        entry(4, FrequencyAction.MIN));
    }

    @Test
    void takesNoOptions() {
        final LoadSnapshot any = new LoadSnapshot(List.of(reactor(0, 0, 0)), List.of(), 0);
        final GovernorOnlyBalancer balancer = new GovernorOnlyBalancer();
        assertThat(balancer.withOptions(Map.of(), any)).isSameAs(balancer);
        assertThatThrownBy(() -> balancer.withOptions(Map.of("load_limit", 3), any))
                .hasMessage("balancer 'gscheduler' has no option 'load_limit'; it takes none");
    }
}

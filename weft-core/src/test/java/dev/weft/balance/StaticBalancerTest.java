package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticBalancerTest {

    private static final Set<Integer> ALL = Set.of(0, 1, 2, 3);

    private static StrandLoad moved(final long id, final int now, final int initial, final Set<Integer> allowed) {
        return new StrandLoad(id, "s" + id, now, initial, allowed, 0, 100, 1, 0, 0);
    }

    private static LoadSnapshot snapshot() {
        return new LoadSnapshot(
                List.of(
                        ReactorLoad.of(0, 0, 0),
                        ReactorLoad.of(1, 0, 0),
                        ReactorLoad.of(2, 0, 0),
                        ReactorLoad.of(3, 0, 0)),
                List.of(moved(1, 0, 1, ALL), moved(2, 0, 2, ALL), moved(3, 3, 3, Set.of(2, 3))),
                0);
    }

    @Test
    void restoresEveryStrandToItsInitialReactorAndWakesEveryReactor() {
        final BalancePlan plan = new StaticBalancer().balance(snapshot());
        assertThat(plan.moves()).containsExactly(entry(1L, 1), entry(2L, 2));
        assertThat(plan.interruptModes())
                .containsOnly(entry(0, false), entry(1, false), entry(2, false), entry(3, false));
        assertThat(plan.frequencies()).isEmpty();
        assertThat(new StaticBalancer().periodic()).isFalse();
    }

    @Test
    void validMappingsBecomeTheNewInitialPlacement() {
        final StaticBalancer mapped = new StaticBalancer().withOptions(Map.of("mappings", "1:3,3:2"), snapshot());
        assertThat(mapped.mappings()).containsOnly(entry(1L, 3), entry(3L, 2));
        assertThat(mapped.balance(snapshot()).moves()).containsExactly(entry(1L, 3), entry(2L, 2), entry(3L, 2));
        final StaticBalancer again = mapped.withOptions(Map.of("mappings", "1:1"), snapshot());
        assertThat(again.mappings()).containsOnly(entry(1L, 1), entry(3L, 2));
    }

    @Test
    void anyBadPairRejectsTheWholeMappingAndNamesTheFault() {
        final StaticBalancer base = new StaticBalancer();
        assertThatThrownBy(() -> base.withOptions(Map.of("mappings", "1:3,3:0"), snapshot()))
                .hasMessage("balancer 'static' mappings '1:3,3:0' rejected: strand 3 may not run on reactor 0; "
                        + "none applied");
        assertThatThrownBy(() -> base.withOptions(Map.of("mappings", "1:3,9:0"), snapshot()))
                .hasMessageContaining("there is no strand 9");
        assertThatThrownBy(() -> base.withOptions(Map.of("mappings", "1:7"), snapshot()))
                .hasMessageContaining("there is no reactor 7");
        assertThatThrownBy(() -> base.withOptions(Map.of("mappings", "0:1"), snapshot()))
                .hasMessageContaining("strand id 0 is not above 0");
        assertThatThrownBy(() -> base.withOptions(Map.of("mappings", "1-3"), snapshot()))
                .hasMessageContaining("'1-3' is not strand:reactor");
        assertThatThrownBy(() -> base.withOptions(Map.of("mappings", "a:b"), snapshot()))
                .hasMessageContaining("'a:b' is not two numbers");
        assertThatThrownBy(() -> base.withOptions(Map.of("mappings", 12), snapshot()))
                .hasMessageContaining("must be a string");
        assertThatThrownBy(() -> base.withOptions(Map.of("load_limit", 12), snapshot()))
                .hasMessageContaining("balancer 'static' has no option 'load_limit'");
        assertThat(base.mappings()).isEmpty();
    }

    @Test
    void strandsOnOrForIsolatedReactorsStay() {
        final LoadSnapshot snapshot = new LoadSnapshot(
                List.of(ReactorLoad.of(0, 0, 0), ReactorLoad.of(1, 0, 0).withIsolated(true)),
                List.of(moved(1, 0, 1, Set.of(0, 1))),
                0);
        assertThat(new StaticBalancer().balance(snapshot).moves()).isEmpty();
    }
}

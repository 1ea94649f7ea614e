package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BalancersTest {

    @Test
    void knowsTheFourPoliciesByName() {
        assertThat(Balancers.names()).containsExactly("static", "dynamic", "gscheduler", "mtl");
        for (final String name : Balancers.names()) {
            assertThat(Balancers.of(name).name()).isEqualTo(name);
        }
        assertThatThrownBy(() -> Balancers.of("fancy"))
                .hasMessage("unknown balancer 'fancy'; known are [static, dynamic, gscheduler, mtl]");
    }

    @Test
    void snapshotsRejectInconsistentInput() {
        assertThatThrownBy(
                        () -> new LoadSnapshot(List.of(ReactorLoad.of(1, 0, 0), ReactorLoad.of(0, 0, 0)), List.of(), 0))
                .hasMessageContaining("increasing id; 0 follows 1");
        assertThatThrownBy(() -> new LoadSnapshot(List.of(ReactorLoad.of(0, 0, 0)), List.of(), 3))
                .hasMessageContaining("scheduling reactor 3 is not among [0]");
        assertThatThrownBy(() -> new LoadSnapshot(
                        List.of(ReactorLoad.of(0, 0, 0)),
                        List.of(StrandLoad.of(1, 0, Set.of(0), 0, 0), StrandLoad.of(1, 0, Set.of(0), 0, 0)),
                        0))
                .hasMessageContaining("strand id 1 appears twice");
        assertThatThrownBy(() -> new LoadSnapshot(
                        List.of(ReactorLoad.of(0, 0, 0)), List.of(StrandLoad.of(1, 5, Set.of(5), 0, 0)), 0))
                .hasMessageContaining("strand 1 is on unknown reactor 5");
        assertThatThrownBy(() -> StrandLoad.of(1, 2, Set.of(0), 0, 0))
                .hasMessageContaining("is on reactor 2, outside its allowed reactors [0]");
        assertThatThrownBy(() -> ReactorLoad.of(0, -1, 0)).hasMessageContaining("negative load figures");
    }
}

package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.platform.CpuSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaPlacerTest {

    private static List<QuotaPlacer.Slot> fourReactorsOnTwoNodes() {
        return List.of(
                new QuotaPlacer.Slot(0, 0, 0, 12, false),
                new QuotaPlacer.Slot(1, 1, 0, 12, false),
                new QuotaPlacer.Slot(2, 2, 1, 12, false),
                new QuotaPlacer.Slot(3, 3, 1, 12, false));
    }

    @Test
    void firstFitFillsAReactorToItsLimitThenActivatesTheNext() {
        final QuotaPlacer placer = new QuotaPlacer(fourReactorsOnTwoNodes(), QuotaPlacer.Choice.FIRST_FIT);
        final CpuSet any = CpuSet.empty();
        for (int i = 0; i < 12; i++) {
            assertThat(placer.place(1, 0, any)).isZero();
        }
        assertThat(placer.place(0, 0, any)).isZero();
        assertThat(placer.place(1, 0, any)).isEqualTo(1);
        assertThat(placer.place(0.04, 0, any)).isEqualTo(1);
        assertThat(placer.usage(0)).isEqualTo(new QuotaPlacer.Usage(0, 12, 13, false));
        assertThat(placer.usage(1).total()).isEqualTo(1.04);
    }

    @Test
    void theFirstStrandOnAReactorAlwaysFitsEvenAboveTheLimit() {
        final QuotaPlacer placer = new QuotaPlacer(fourReactorsOnTwoNodes(), QuotaPlacer.Choice.FIRST_FIT);
        assertThat(placer.place(30, 0, CpuSet.empty())).isZero();
        assertThat(placer.place(30, 0, CpuSet.empty())).isEqualTo(1);
        assertThatThrownBy(() -> placer.place(0, 0, CpuSet.empty())).isInstanceOf(PlacementException.class);
    }

    @Test
    void nodeAndMaskNarrowTheChoiceAndAClearErrorWhenNothingIsLeft() {
        final QuotaPlacer placer = new QuotaPlacer(fourReactorsOnTwoNodes(), QuotaPlacer.Choice.FIRST_FIT);
        assertThat(placer.place(6, 1, CpuSet.empty())).isEqualTo(2);
        assertThat(placer.place(6, -1, CpuSet.of(3))).isEqualTo(3);
        assertThat(placer.place(6, 1, CpuSet.empty())).isEqualTo(2);
        assertThat(placer.place(6, 1, CpuSet.empty())).isEqualTo(3);
        assertThatThrownBy(() -> placer.place(6, 1, CpuSet.empty()))
                .isInstanceOf(PlacementException.class)
                .hasMessage("no reactor can take a strand of weight 6.0 on NUMA node 1 with CPU mask any: "
                        + "2 reactors match, all full");
        assertThatThrownBy(() -> placer.place(1, 0, CpuSet.of(9)))
                .hasMessageContaining("with CPU mask 9: 0 reactors match, all full (none matches)");
        assertThatThrownBy(() -> placer.place(-1, 0, CpuSet.empty())).hasMessageContaining("weight -1.0");
    }

    @Test
    void leastLoadedSpreadsOverActiveReactors() {
        final QuotaPlacer placer = new QuotaPlacer(fourReactorsOnTwoNodes(), QuotaPlacer.Choice.LEAST_LOADED);
        assertThat(placer.place(5, 0, CpuSet.empty())).isZero();
        assertThat(placer.place(8, 0, CpuSet.empty())).isEqualTo(1);
        assertThat(placer.place(2, 0, CpuSet.empty())).isZero();
        assertThat(placer.place(2, 0, CpuSet.empty())).isEqualTo(0);
        assertThat(placer.place(2, 0, CpuSet.empty())).isEqualTo(1);
    }

    @Test
    void releasingTheLastStrandIdlesTheReactorAndClearsItsBusyMark() {
        final QuotaPlacer placer = new QuotaPlacer(fourReactorsOnTwoNodes(), QuotaPlacer.Choice.FIRST_FIT);
        placer.place(4, 0, CpuSet.empty());
        placer.place(4, 0, CpuSet.empty());
        placer.markBusy(0);
        assertThat(placer.place(1, 0, CpuSet.empty())).isEqualTo(1);
        assertThat(placer.release(0, 4)).isFalse();
        assertThat(placer.usage(0)).isEqualTo(new QuotaPlacer.Usage(0, 4, 1, true));
        assertThat(placer.release(0, 4)).isTrue();
        assertThat(placer.usage(0)).isEqualTo(new QuotaPlacer.Usage(0, 0, 0, false));
        assertThat(placer.usage(0).isActive()).isFalse();
        assertThatThrownBy(() -> placer.release(0, 1)).hasMessage("reactor 0 holds no strand to release");
        assertThatThrownBy(() -> placer.usage(8)).hasMessage("reactor 8 is not known to the placer");
    }

    @Test
    void isolatedAndUnpinnedReactors() {
        final QuotaPlacer placer = new QuotaPlacer(
                List.of(new QuotaPlacer.Slot(0, 0, 0, 12, true), new QuotaPlacer.Slot(1, -1, 0, 12, false)),
                QuotaPlacer.Choice.FIRST_FIT);
        assertThat(placer.place(1, 0, CpuSet.empty())).isEqualTo(1);
        assertThatThrownBy(() -> placer.place(1, 0, CpuSet.of(0))).isInstanceOf(PlacementException.class);
        assertThatThrownBy(() -> new QuotaPlacer(
                        List.of(new QuotaPlacer.Slot(0, 0, 0, 12, false), new QuotaPlacer.Slot(0, 1, 0, 12, false)),
                        QuotaPlacer.Choice.FIRST_FIT))
                .hasMessage("reactor 0 is listed twice");
    }
}

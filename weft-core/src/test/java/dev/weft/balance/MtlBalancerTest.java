package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MtlBalancerTest {

    private static final Set<Integer> ALL = Set.of(0, 1, 2, 3);
    private final MtlBalancer mtl = new MtlBalancer();

    private static ReactorLoad reactor(
            final int id, final long avgLoopNanos, final double sleepRatio, final boolean busyMarked) {
        return new ReactorLoad(id, id, id, 0, 500, 500, false, false, avgLoopNanos, sleepRatio, true, busyMarked, 12);
    }

    private static StrandLoad strand(final long id, final int reactor, final double weight, final long budget) {
        return new StrandLoad(id, "s" + id, reactor, reactor, ALL, 100, 100, weight, budget, 0);
    }

    @Test
    void busyScoreIsLoopTimeAgainstBudgetAndDeadlineMissesForceIt() {
        final ReactorLoad reactor = reactor(0, 9_600, 0, false);
        assertThat(MtlBalancer.busyScore(strand(1, 0, 1, 10_000), reactor)).isEqualTo(96);
        assertThat(MtlBalancer.busyScore(strand(1, 0, 1, 0), reactor)).isZero();
        final StrandLoad missing = new StrandLoad(2, "late", 0, 0, ALL, 1, 1, 1, 0, 11);
        assertThat(MtlBalancer.busyScore(missing, reactor)).isEqualTo(100);
        final StrandLoad fewMisses = new StrandLoad(2, "late", 0, 0, ALL, 1, 1, 1, 0, 10);
        assertThat(MtlBalancer.busyScore(fewMisses, reactor)).isZero();
    }

    @Test
    void movesTheLastBusyStrandOfTheLastBusyReactorOnceAndMarksTheSource() {
        final List<ReactorLoad> reactors = List.of(
                reactor(0, 10_000, 0.1, false),
                reactor(1, 10_000, 0.1, false),
                reactor(2, 100, 0.1, false),
                reactor(3, 0, 0.9, false));
        final List<StrandLoad> strands = List.of(
                strand(1, 0, 6, 10_000),
                strand(2, 0, 6, 10_000),
                strand(3, 1, 4, 10_000),
                strand(4, 1, 4, 10_000),
                strand(5, 1, 4, 50_000),
                strand(6, 2, 2, 10_000));
        final BalancePlan plan = mtl.balance(new LoadSnapshot(reactors, strands, 0));
        assertThat(plan.moves()).containsExactly(entry(4L, 2));
        assertThat(plan.busyMarks()).containsExactly(1);
        assertThat(plan.interruptModes()).containsExactly(entry(2, false));
    }

    @Test
    void reactorsThatSleepMostOfTheTimeAreNotSources() {
        final List<ReactorLoad> reactors =
                List.of(reactor(0, 10_000, 0.1, false), reactor(1, 10_000, 0.75, false), reactor(2, 0, 0, false));
        final List<StrandLoad> strands = List.of(
                strand(1, 0, 4, 10_000), strand(2, 0, 4, 10_000), strand(3, 1, 4, 10_000), strand(4, 1, 4, 10_000));
        final BalancePlan plan = mtl.balance(new LoadSnapshot(reactors, strands, 0));
        assertThat(plan.busyMarks()).containsExactly(0);
        assertThat(plan.moves()).containsExactly(entry(2L, 1));
    }

    @Test
    void aPollingReactorIsASourceWhateverItsSleepRatio() {
        final ReactorLoad polling = new ReactorLoad(0, 0, 0, 0, 1, 0, false, false, 10_000, 0.9, false, false, 12);
        final List<StrandLoad> strands = List.of(strand(1, 0, 4, 10_000), strand(2, 0, 4, 10_000));
        final BalancePlan plan = mtl.balance(new LoadSnapshot(List.of(polling, reactor(1, 0, 0, false)), strands, 0));
        assertThat(plan.moves()).containsExactly(entry(2L, 1));
    }

    @Test
    void theOnlyHeavyStrandOfAReactorIsNotMovedButTheMarkSticks() {
        final List<StrandLoad> strands = new ArrayList<>(
                List.of(strand(1, 0, 12, 10_000), new StrandLoad(2, "ancillary", 0, 0, ALL, 1, 1, 0, 0, 0)));
        final BalancePlan plan = mtl.balance(
                new LoadSnapshot(List.of(reactor(0, 10_000, 0, false), reactor(1, 0, 0, false)), strands, 0));
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.busyMarks()).containsExactly(0);
        strands.add(new StrandLoad(3, "audio", 0, 0, ALL, 1, 1, 0.04, 0, 0));
        assertThat(mtl.balance(new LoadSnapshot(
                                List.of(reactor(0, 10_000, 0, false), reactor(1, 0, 0, false)), strands, 0))
                        .moves())
                .containsExactly(entry(1L, 1));
    }

    @Test
    void targetsSkipBusyMarkedAndFullReactorsAndActivateAnIdleOneLast() {
        final List<ReactorLoad> reactors = List.of(
                reactor(0, 10_000, 0, false), reactor(1, 0, 0, true), reactor(2, 0, 0, false), reactor(3, 0, 0, false));
        final List<StrandLoad> strands =
                List.of(strand(1, 0, 6, 10_000), strand(2, 0, 6, 10_000), strand(3, 1, 1, 0), strand(4, 2, 10, 0));
        final BalancePlan plan = mtl.balance(new LoadSnapshot(reactors, strands, 0));
        assertThat(plan.moves()).containsExactly(entry(2L, 3));
        final List<StrandLoad> roomOnTwo =
                List.of(strand(1, 0, 6, 10_000), strand(2, 0, 6, 10_000), strand(3, 1, 1, 0), strand(4, 2, 6, 0));
        assertThat(mtl.balance(new LoadSnapshot(reactors, roomOnTwo, 0)).moves())
                .containsExactly(entry(2L, 2));
    }

    @Test
    void nothingBusyMeansNothingToDo() {
        final BalancePlan plan =
                mtl.balance(new LoadSnapshot(List.of(reactor(0, 100, 0, false)), List.of(strand(1, 0, 1, 10_000)), 0));
        assertThat(plan).isEqualTo(BalancePlan.NONE);
    }
}

package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.platform.CpuSet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Quota placement inside a running group: choices, accounts that follow moves and closes, interrupt on empty. */
class QuotaPlacementTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private ReactorGroup group;

    @AfterEach
    void stop() {
        if (group != null) {
            group.close();
        }
    }

    private ReactorGroup started(final QuotaPlacer.Choice choice) {
        group = ReactorGroup.builder()
                .name("quota")
                .reactors(3)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .placement(QuotaPlacement.of(choice, QuotaPlacer.DEFAULT_LIMIT))
                .build()
                .start();
        return group;
    }

    private int add(final double weight) {
        return group.add(Strand.builder("w" + weight).weight(weight).build())
                .join()
                .index();
    }

    private QuotaPlacement quota() {
        return (QuotaPlacement) group.placement().orElseThrow();
    }

    @Test
    void firstFitFillsTheLowestReactorWithRoomThenActivatesAnIdleOne() {
        started(QuotaPlacer.Choice.FIRST_FIT);
        assertThat(add(5)).isZero();
        assertThat(add(5)).isZero();
        assertThat(add(5)).isEqualTo(1);
        assertThat(add(1)).isZero();
        assertThat(quota().usage(0).total()).isEqualTo(11.0);
        assertThat(quota().usage(1).strands()).isEqualTo(1);
    }

    @Test
    void leastLoadedPicksTheActiveReactorWithTheLowestTotal() {
        started(QuotaPlacer.Choice.LEAST_LOADED);
        assertThat(add(5)).isZero();
        assertThat(add(5)).isZero();
        assertThat(add(5)).isEqualTo(1);
        assertThat(add(1)).isEqualTo(1);
    }

    @Test
    void lastStrandLeavingSendsTheReactorToInterruptAndANewOneBringsItBack() {
        started(QuotaPlacer.Choice.FIRST_FIT);
        add(10);
        final Strand lone = Strand.builder("lone").weight(10).build();
        final Reactor reactor = group.add(lone).join();
        assertThat(reactor.index()).isEqualTo(1);
        lone.close().join();
        assertThat(quota().usage(1).isActive()).isFalse();
        assertThat(group.reactor(1).mode()).isEqualTo(ReactorMode.INTERRUPT);
        assertThat(group.reactor(0).mode()).isEqualTo(ReactorMode.SLEEP);
        assertThat(add(10)).isEqualTo(1);
        assertThat(group.reactor(1).mode()).isEqualTo(ReactorMode.SLEEP);
    }

    @Test
    void movesCarryTheirChargeAndAnEmptiedSourceInterrupts() {
        started(QuotaPlacer.Choice.FIRST_FIT);
        final Strand strand = Strand.builder("mover").weight(3).build();
        group.add(strand).join();
        add(2);
        final Strand other = Strand.builder("other").weight(4).build();
        group.add(other, group.reactor(2)).join();
        assertThat(quota().usage(2).total()).isEqualTo(4.0);
        group.move(other, group.reactor(0)).join();
        assertThat(quota().usage(0).total()).isEqualTo(9.0);
        assertThat(quota().usage(0).strands()).isEqualTo(3);
        await().atMost(PATIENCE).until(() -> group.reactor(2).mode() == ReactorMode.INTERRUPT);
        assertThat(quota().usage(2).isActive()).isFalse();
    }

    @Test
    void placementFailsClearlyWhenNoReactorOfTheMaskHasRoom() {
        started(QuotaPlacer.Choice.FIRST_FIT);
        group.add(Strand.builder("big").weight(10).cpuMask(CpuSet.of(2)).build())
                .join();
        final Strand refused =
                Strand.builder("refused").weight(5).cpuMask(CpuSet.of(2)).build();
        assertThatThrownBy(() -> group.add(refused))
                .isInstanceOf(PlacementException.class)
                .hasMessageContaining("weight 5.0")
                .hasMessageContaining("mask 2");
        assertThat(quota().usage(2).strands()).isEqualTo(1);
        assertThat(group.add(refused, group.reactor(2)).join().index()).isEqualTo(2);
        assertThat(quota().usage(2).total()).isEqualTo(15.0);
    }

    @Test
    void roundRobinStaysTheDefault() {
        group = ReactorGroup.builder()
                .name("rr")
                .reactors(2)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        assertThat(group.placement()).isEmpty();
        assertThat(add(5)).isZero();
        assertThat(add(5)).isEqualTo(1);
    }
}

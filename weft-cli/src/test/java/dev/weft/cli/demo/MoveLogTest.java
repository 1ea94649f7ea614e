package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.QuotaPlacement;
import dev.weft.balance.QuotaPlacer;
import dev.weft.balance.StaticBalancer;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.Strand;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The move log records exactly the moves the group completes, while the quota placement it wraps still decides; the
 * timeline counts a reactor without strands as parked and one with strands as not.
 */
@Timeout(120)
class MoveLogTest {

    @Test
    void aCompletedMoveIsLoggedOnceAndTheTimelineSeesWhoHoldsStrands() {
        final AtomicReference<MoveLog> log = new AtomicReference<>();
        try (ReactorGroup group = ReactorGroup.builder()
                        .name("move-log")
                        .reactors(2)
                        .placement(reactors -> {
                            final MoveLog moves = new MoveLog(QuotaPlacement.of(QuotaPlacer.Choice.FIRST_FIT, 1.0)
                                    .apply(reactors));
                            log.set(moves);
                            return moves;
                        })
                        .build()
                        .start();
                BalancingRound round = BalancingRound.start(
                        group,
                        BalancingConfig.builder()
                                .balancer(new StaticBalancer())
                                .periodMicros(0)
                                .build())) {
            final long origin = System.nanoTime();
            final ReactorTimeline timeline = new ReactorTimeline(group.reactors(), origin);
            final Strand first = Strand.builder("media-a").weight(1.0).build();
            final Strand second = Strand.builder("media-b").weight(1.0).build();
            assertThat(group.add(first).join().index()).isZero();
            assertThat(group.add(second).join().index())
                    .as("the quota of reactor 0 is used up")
                    .isEqualTo(1);
            timeline.sample();
            assertThat(log.get().count()).isZero();
            group.move(second, group.reactor(0)).join();
            timeline.sample();
            timeline.sample();
            assertThat(log.get().moves(origin)).singleElement().satisfies(move -> {
                assertThat(move.strand()).isEqualTo("media-b");
                assertThat(move.from()).isEqualTo(1);
                assertThat(move.to()).isZero();
                assertThat(move.atSeconds()).isPositive();
            });
            final BalancingFigures figures = timeline.figures(round, log.get().moves(origin));
            assertThat(figures.moves()).hasSize(1);
            assertThat(figures.sampleSeconds()).hasSize(3);
            assertThat(figures.strands().get(0)).last().isEqualTo(3);
            assertThat(figures.strands().get(1)).containsExactly(1, 0, 0);
            assertThat(figures.parkedSeconds().get(0)).isZero();
            assertThat(figures.parkedSeconds().get(1)).isPositive();
            assertThat(figures.balancer()).isEqualTo("static");
            first.close().join();
            second.close().join();
        }
    }
}

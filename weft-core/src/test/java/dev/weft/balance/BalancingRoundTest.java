package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.weft.platform.CpuSet;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The round's configuration and {@code framework_set_scheduler} rules, on a small real group. */
class BalancingRoundTest {

    private ReactorGroup group;
    private BalancingRound round;
    private final AtomicInteger governorsOpened = new AtomicInteger();

    @BeforeEach
    void startGroup() {
        group = ReactorGroup.builder()
                .name("rules")
                .reactors(3)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        if (round != null) {
            round.close();
        }
        group.close();
    }

    private BalancingRound start() {
        return start(BalancingConfig.builder());
    }

    private BalancingRound start(final BalancingConfig.Builder config) {
        round = BalancingRound.start(group, config.build());
        return round;
    }

    /** A provider of simulated governors that counts opens and closes. */
    private GovernorProvider simulated() {
        return () -> {
            governorsOpened.incrementAndGet();
            return new SimulatedGovernor(CpuSet.range(0, 2), List.of(2_000_000L, 1_000_000L));
        };
    }

    @Test
    void startsWithStaticWhichRunsOnceAndReadsPeriodZero() {
        start();
        final BalancingInfo info = round.info();
        assertThat(info.balancerName()).isEqualTo("static");
        assertThat(info.periodMicros()).isZero();
        assertThat(info.schedulingReactor()).isZero();
        assertThat(info.isolated().isEmpty()).isTrue();
        assertThat(info.governorName()).isEmpty();
        assertThat(round.rounds()).isEqualTo(1);
    }

    @Test
    void periodZeroWhileCurrentIsZeroBecomesOneSecondAndOtherwiseIsKept() {
        start(BalancingConfig.builder().governors(simulated()));
        assertThat(round.setBalancer("dynamic", 0, Map.of()).join().periodMicros())
                .isEqualTo(1_000_000);
        assertThat(round.setBalancer("dynamic", 500_000, Map.of()).join().periodMicros())
                .isEqualTo(500_000);
        assertThat(round.setBalancer("gscheduler", 0, Map.of()).join().periodMicros())
                .isEqualTo(500_000);
    }

    @Test
    void sameNameKeepsTheBalancerAndAppliesOptions() {
        start();
        round.setBalancer("dynamic", 0, Map.of("load_limit", 10)).join();
        final BalancingInfo info =
                round.setBalancer("dynamic", 0, Map.of("core_limit", 70)).join();
        assertThat(info.options())
                .containsExactly(entry("load_limit", 10), entry("core_limit", 70), entry("core_busy", 95));
    }

    @Test
    void unknownNameOrBadOptionChangesNothing() {
        start();
        round.setBalancer("dynamic", 300_000, Map.of()).join();
        assertThatThrownBy(() -> round.setBalancer("fair", 0, Map.of()).join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("unknown balancer 'fair'; known are [static, dynamic, gscheduler, mtl]");
        assertThatThrownBy(() -> round.setBalancer("dynamic", 100, Map.of("load_limit", 10, "core_busy", 300))
                        .join())
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause()
                .hasMessageContaining("core_busy");
        assertThatThrownBy(() -> round.setBalancer("gscheduler", 100, Map.of("mappings", "1:0"))
                        .join())
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        final BalancingInfo info = round.info();
        assertThat(info.balancerName()).isEqualTo("dynamic");
        assertThat(info.periodMicros()).isEqualTo(300_000);
        assertThat(info.options()).containsEntry("load_limit", 20).containsEntry("core_busy", 95);
    }

    @Test
    void staticRunsAgainAfterEachMappingsChange() {
        final Strand strand = Strand.of("mapped");
        group.add(strand, group.reactor(1)).join();
        start();
        final long before = round.rounds();
        round.setBalancer("static", 0, Map.of("mappings", strand.id() + ":2")).join();
        assertThat(round.rounds()).isEqualTo(before + 1);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> strand.reactor().orElseThrow().index() == 2);
        round.setBalancer("static", 0, Map.of()).join();
        assertThat(round.rounds()).isEqualTo(before + 1);
        assertThatThrownBy(() -> round.setBalancer("static", 0, Map.of("mappings", strand.id() + ":0,999:1"))
                        .join())
                .rootCause()
                .hasMessageContaining("there is no strand 999")
                .hasMessageContaining("none applied");
        assertThat(round.rounds()).isEqualTo(before + 1);
    }

    @Test
    void schedulingOptionsAreCheckedAgainstTheGroup() {
        assertThatThrownBy(() -> start(BalancingConfig.builder().schedulingOptions(3, CpuSet.empty())))
                .hasMessage("scheduling reactor 3 is outside [0, 3) of group 'rules'");
        assertThatThrownBy(() -> start(BalancingConfig.builder().schedulingOptions(1, CpuSet.of(1))))
                .hasMessage("scheduling reactor 1 (CPU 1) may not be isolated");
        assertThatThrownBy(() -> BalancingConfig.builder()
                        .schedulingOptions(0, CpuSet.of(2, 7))
                        .build()
                        .checkFor(group))
                .hasMessageContaining("include 7");
        start(BalancingConfig.builder().schedulingOptions(1, CpuSet.of(0)));
        assertThat(round.info().schedulingReactor()).isEqualTo(1);
        assertThat(round.info().isolated()).isEqualTo(CpuSet.of(0));
        assertThatThrownBy(() -> round.setBalancer("dynamic", -1, Map.of()))
                .hasMessage("period -1 µs is outside [0, 86400000000]");
        assertThatThrownBy(() -> round.setBalancer("dynamic", Long.MAX_VALUE, Map.of()))
                .hasMessageContaining("outside [0, 86400000000]");
        final Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("load_limit", null);
        assertThatThrownBy(() -> round.setBalancer("dynamic", 0, withNull).join())
                .rootCause()
                .hasMessage("balancer 'dynamic' option 'load_limit' is null");
        assertThat(round.info().balancerName()).isEqualTo("static");
    }

    @Test
    void refusesAGroupThatIsNotRunning() {
        final ReactorGroup idle =
                ReactorGroup.builder().name("unstarted").reactors(1).build();
        assertThatThrownBy(() ->
                        BalancingRound.start(idle, BalancingConfig.builder().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not running");
    }

    @Test
    void eachBalancerKeepsItsOptionsAcrossSwitchesAndThePeriodIsTheRounds() {
        start(BalancingConfig.builder().governors(simulated()));
        round.setBalancer("dynamic", 424_242, Map.of()).join();
        round.setBalancer("dynamic", 0, Map.of("core_limit", 42)).join();
        assertThat(round.setBalancer("gscheduler", 0, Map.of()).join().periodMicros())
                .isEqualTo(424_242);
        final BalancingInfo back = round.setBalancer("dynamic", 0, Map.of()).join();
        assertThat(back.periodMicros()).isEqualTo(424_242);
        assertThat(back.options()).containsEntry("core_limit", 42);
        assertThat(round.setBalancer("static", 0, Map.of()).join().periodMicros())
                .as("static's round sets the period to 0, as SPDK's does")
                .isZero();
        assertThat(round.setBalancer("dynamic", 0, Map.of()).join().options()).containsEntry("core_limit", 42);
    }

    @Test
    void presetsGiveBalancersTheirOptionsWhenFirstChosen() {
        start(BalancingConfig.builder().presets(List.of(new DynamicBalancer(10, 70, 90))));
        assertThat(round.setBalancer("dynamic", 0, Map.of()).join().options())
                .containsExactly(entry("load_limit", 10), entry("core_limit", 70), entry("core_busy", 90));
    }

    @Test
    void theGovernorBelongsToTheBalancer() {
        start(BalancingConfig.builder().governors(simulated()));
        assertThat(round.governor()).as("static uses no governor").isEmpty();
        assertThat(round.setBalancer("gscheduler", 0, Map.of()).join().governorName())
                .contains("simulated");
        assertThat(round.governor()).isPresent();
        round.setBalancer("gscheduler", 0, Map.of()).join();
        assertThat(governorsOpened)
                .as("the same balancer again is not re-initialized")
                .hasValue(1);
        assertThat(round.setBalancer("dynamic", 0, Map.of()).join().governorName())
                .contains("simulated");
        assertThat(governorsOpened).hasValue(2);
        assertThat(round.setBalancer("static", 0, Map.of()).join().governorName())
                .isEmpty();
        assertThat(round.governor()).isEmpty();
    }

    @Test
    void gschedulerWithoutAGovernorFailsAndKeepsTheBalancerThatRan() {
        start();
        round.setBalancer("dynamic", 0, Map.of()).join();
        assertThat(round.info().governorName())
                .as("dynamic runs without a governor")
                .isEmpty();
        assertThatThrownBy(() -> round.setBalancer("gscheduler", 0, Map.of()).join())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause()
                .hasMessage("no governor is configured");
        assertThat(round.info().balancerName()).isEqualTo("dynamic");
        assertThatThrownBy(() -> BalancingRound.start(
                        group,
                        BalancingConfig.builder()
                                .balancer(new GovernorOnlyBalancer())
                                .build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("balancer 'gscheduler' cannot install its governor: no governor is configured");
    }

    @Test
    void aSwitchRunsARoundAtOnceAndAnswersWhenItsMovesAreDone() {
        final Strand idle = Strand.of("idle");
        group.add(idle, group.reactor(2)).join();
        start(BalancingConfig.builder());
        final long before = round.rounds();
        round.setBalancer("dynamic", 60_000_000, Map.of()).join();
        assertThat(round.rounds()).isEqualTo(before + 1);
        assertThat(idle.reactor().orElseThrow().index())
                .as("idle strands gather on the scheduling reactor")
                .isZero();
        round.setBalancer("static", 0, Map.of()).join();
        assertThat(idle.reactor().orElseThrow().index())
                .as("static puts it back at once")
                .isEqualTo(2);
    }

    @Test
    void theRoundsStrandIsInternal() {
        start();
        assertThat(group.reactor(0).strands())
                .filteredOn(Strand::isInternal)
                .extracting(Strand::name)
                .containsExactly("balancing-round");
    }
}

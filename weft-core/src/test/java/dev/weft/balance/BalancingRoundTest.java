package dev.weft.balance;

import dev.weft.platform.CpuSet;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The round's configuration and {@code framework_set_scheduler} rules, on a small real group. */
class BalancingRoundTest {

    private ReactorGroup group;
    private BalancingRound round;

    @BeforeEach
    void startGroup() {
        group = ReactorGroup.builder().name("rules").reactors(3).mode(ReactorMode.SLEEP).watchdog(Duration.ZERO)
                .build().start();
        round = BalancingRound.on(group);
    }

    @AfterEach
    void stop() {
        round.close();
        group.close();
    }

    @Test
    void startsWithStaticWhichRunsOnceAndReadsPeriodZero() {
        round.start();
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
        round.start();
        assertThat(round.setBalancer("dynamic", 0, Map.of()).join().periodMicros()).isEqualTo(1_000_000);
        assertThat(round.setBalancer("dynamic", 500_000, Map.of()).join().periodMicros()).isEqualTo(500_000);
        assertThat(round.setBalancer("gscheduler", 0, Map.of()).join().periodMicros()).isEqualTo(500_000);
    }

    @Test
    void sameNameKeepsTheBalancerAndAppliesOptions() {
        round.start();
        round.setBalancer("dynamic", 0, Map.of("load_limit", 10)).join();
        final BalancingInfo info = round.setBalancer("dynamic", 0, Map.of("core_limit", 70)).join();
        assertThat(info.options()).containsExactly(entry("load_limit", 10), entry("core_limit", 70),
                entry("core_busy", 95));
    }

    @Test
    void unknownNameOrBadOptionChangesNothing() {
        round.start();
        round.setBalancer("dynamic", 300_000, Map.of()).join();
        assertThatThrownBy(() -> round.setBalancer("fair", 0, Map.of()).join())
                .isInstanceOf(CompletionException.class).hasRootCauseMessage(
                        "unknown balancer 'fair'; known are [static, dynamic, gscheduler, mtl]");
        assertThatThrownBy(() -> round.setBalancer("dynamic", 100, Map.of("load_limit", 10, "core_busy", 300))
                .join()).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("core_busy");
        assertThatThrownBy(() -> round.setBalancer("gscheduler", 100, Map.of("mappings", "1:0")).join())
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
        round.start();
        final long before = round.rounds();
        round.setBalancer("static", 0, Map.of("mappings", strand.id() + ":2")).join();
        assertThat(round.rounds()).isEqualTo(before + 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                strand.reactor().orElseThrow().index() == 2);
        round.setBalancer("static", 0, Map.of()).join();
        assertThat(round.rounds()).isEqualTo(before + 1);
        assertThatThrownBy(() -> round.setBalancer("static", 0, Map.of("mappings", strand.id() + ":0,999:1"))
                .join()).rootCause().hasMessageContaining("there is no strand 999")
                .hasMessageContaining("none applied");
        assertThat(round.rounds()).isEqualTo(before + 1);
    }

    @Test
    void schedulingOptionsAreCheckedAndOnlyBeforeStart() {
        assertThatThrownBy(() -> round.schedulingOptions(3, CpuSet.empty()))
                .hasMessage("scheduling reactor 3 is outside [0, 3)");
        assertThatThrownBy(() -> round.schedulingOptions(1, CpuSet.of(1)))
                .hasMessage("scheduling reactor 1 (CPU 1) may not be isolated");
        assertThatThrownBy(() -> round.schedulingOptions(0, CpuSet.of(2, 7)))
                .hasMessageContaining("include 7");
        round.schedulingOptions(1, CpuSet.of(0)).start();
        assertThat(round.info().schedulingReactor()).isEqualTo(1);
        assertThat(round.info().isolated()).isEqualTo(CpuSet.of(0));
        assertThatThrownBy(() -> round.schedulingOptions(0, CpuSet.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only be set before start");
        assertThatThrownBy(() -> round.setBalancer("dynamic", -1, Map.of()))
                .hasMessage("period -1 µs is outside [0, 86400000000]");
        assertThatThrownBy(() -> round.setBalancer("dynamic", Long.MAX_VALUE, Map.of()))
                .hasMessageContaining("outside [0, 86400000000]");
        final Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("load_limit", null);
        assertThatThrownBy(() -> round.setBalancer("dynamic", 0, withNull).join())
                .rootCause().hasMessage("balancer 'dynamic' option 'load_limit' is null");
        assertThat(round.info().balancerName()).isEqualTo("static");
    }

    @Test
    void refusesAGroupThatIsNotRunning() {
        final ReactorGroup idle = ReactorGroup.builder().name("unstarted").reactors(1).build();
        assertThatThrownBy(() -> BalancingRound.on(idle).start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not running");
        assertThatThrownBy(() -> round.info()).isInstanceOf(IllegalStateException.class);
    }
}

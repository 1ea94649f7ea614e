package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.platform.CpuSet;
import dev.weft.platform.Topology;
import dev.weft.platform.TopologySource;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduling round on real reactors; every assertion is about an outcome, awaited, never about timing. */
class BalancingRoundEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long PERIOD_MICROS = 20_000;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final AtomicBoolean burst = new AtomicBoolean(true);

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private ReactorGroup group(final int reactors) {
        return group(reactors, ReactorMode.SLEEP);
    }

    private ReactorGroup group(final int reactors, final ReactorMode mode) {
        final ReactorGroup group = ReactorGroup.builder()
                .name("round")
                .reactors(reactors)
                .mode(mode)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        closing.add(group);
        return group;
    }

    /** SPDK's dynamic balancer at the test's period, with simulated governors for the balancers that need one. */
    private static BalancingConfig.Builder dynamic() {
        return BalancingConfig.builder()
                .balancer(new DynamicBalancer())
                .periodMicros(PERIOD_MICROS)
                .governors(() -> new SimulatedGovernor(CpuSet.range(0, 3), List.of(2_000_000L, 1_000_000L)));
    }

    private BalancingRound round(final ReactorGroup group, final BalancingConfig.Builder config) {
        final BalancingRound round = BalancingRound.start(group, config.build());
        closing.add(round);
        return round;
    }

    /** A strand with one polled tasklet that is busy (spins ~20 µs per poll) while {@link #burst} is set. */
    private Strand bursty(final ReactorGroup group, final String name, final AtomicLong polls) {
        final Strand strand = Strand.of(name);
        group.add(strand).join();
        strand.add(Tasklet.of(name + "-work", () -> {
                    polls.incrementAndGet();
                    if (!burst.get()) {
                        return 0;
                    }
                    final long end = System.nanoTime() + 20_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    return 1;
                }))
                .join();
        return strand;
    }

    private static int reactorOf(final Strand strand) {
        return strand.reactor().map(Reactor::index).orElse(-1);
    }

    @Test
    void dynamicConsolidatesIdleStrandsOnTheSchedulingReactorAndEmptiedReactorsInterrupt() {
        final ReactorGroup group = group(3);
        final AtomicLong polls = new AtomicLong();
        final List<Strand> strands = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            strands.add(bursty(group, "s" + i, polls));
        }
        assertThat(strands).extracting(BalancingRoundEndToEndTest::reactorOf).containsOnly(0, 1, 2);
        final BalancingRound round = round(group, dynamic());
        final long before = round.rounds();
        await().atMost(PATIENCE).until(() -> round.rounds() >= before + 3);
        burst.set(false);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(strands)
                    .extracting(BalancingRoundEndToEndTest::reactorOf)
                    .containsOnly(0);
            assertThat(group.reactor(1).mode()).isEqualTo(ReactorMode.INTERRUPT);
            assertThat(group.reactor(2).mode()).isEqualTo(ReactorMode.INTERRUPT);
        });
        assertThat(group.reactor(0).mode()).isEqualTo(ReactorMode.SLEEP);
        final long pollsNow = polls.get();
        await().atMost(PATIENCE).until(() -> polls.get() > pollsNow);
    }

    @Test
    void staticRestoresInitialPlacementAndModes() {
        final ReactorGroup group = group(3);
        burst.set(false);
        final List<Strand> strands = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            strands.add(bursty(group, "s" + i, new AtomicLong()));
        }
        final BalancingRound round = round(group, dynamic());
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(strands)
                        .extracting(BalancingRoundEndToEndTest::reactorOf)
                        .containsOnly(0));
        final BalancingInfo info = round.setBalancer("static", 0, Map.of()).join();
        assertThat(info.balancerName()).isEqualTo("static");
        assertThat(info.periodMicros()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (final Strand strand : strands) {
                assertThat(reactorOf(strand))
                        .isEqualTo(strand.initialReactor().orElseThrow().index());
            }
        });
        assertThat(group.reactors()).extracting(Reactor::mode).containsOnly(ReactorMode.SLEEP);
    }

    @Test
    void switchingBalancersWhileStrandsRunLosesNoMessageAndNoTasklet() {
        final ReactorGroup group = group(3);
        final int strandCount = 6;
        final int messages = 2_000;
        final List<Strand> strands = new ArrayList<>();
        final List<AtomicLong> polls = new ArrayList<>();
        final long[][] seen = new long[strandCount][1];
        final boolean[] inOrder = new boolean[strandCount];
        for (int i = 0; i < strandCount; i++) {
            polls.add(new AtomicLong());
            strands.add(bursty(group, "s" + i, polls.get(i)));
            inOrder[i] = true;
        }
        final BalancingRound round = round(group, dynamic());
        final CompletableFuture<Void> poster = CompletableFuture.runAsync(() -> {
            for (int m = 1; m <= messages; m++) {
                for (int i = 0; i < strandCount; i++) {
                    final int at = i;
                    final long value = m;
                    strands.get(i).execute(() -> {
                        inOrder[at] &= seen[at][0] == value - 1;
                        seen[at][0] = value;
                    });
                }
                if (m % 200 == 0) {
                    burst.set(!burst.get());
                }
            }
        });
        final String[] names = {"static", "dynamic", "gscheduler", "mtl", "dynamic", "static", "dynamic"};
        for (int k = 0; k < 3; k++) {
            for (final String name : names) {
                final long before = round.rounds();
                assertThat(round.setBalancer(name, PERIOD_MICROS, Map.of())
                                .join()
                                .balancerName())
                        .isEqualTo(name);
                if (!name.equals("static")) {
                    await().atMost(PATIENCE).until(() -> round.rounds() > before);
                }
            }
        }
        poster.join();
        final List<CompletableFuture<Void>> drained = new ArrayList<>();
        for (final Strand strand : strands) {
            final CompletableFuture<Void> done = new CompletableFuture<>();
            strand.execute(() -> done.complete(null));
            drained.add(done);
        }
        CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < strandCount; i++) {
            final int at = i;
            final long[] result = new long[1];
            final boolean[] order = new boolean[1];
            final CompletableFuture<Void> read = new CompletableFuture<>();
            strands.get(i).execute(() -> {
                result[0] = seen[at][0];
                order[0] = inOrder[at];
                read.complete(null);
            });
            read.join();
            assertThat(result[0]).as("last message of strand %d", i).isEqualTo(messages);
            assertThat(order[0]).as("strand %d ran its messages in order", i).isTrue();
            assertThat(strands.get(i).stats().tasklets()).hasSize(1);
            final long pollsNow = polls.get(i).get();
            await().atMost(PATIENCE).until(() -> polls.get(at).get() > pollsNow);
        }
    }

    @Test
    void simulatedGovernorReceivesFrequencyActions() {
        final ReactorGroup group = group(3);
        burst.set(false);
        final List<Strand> strands = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            strands.add(bursty(group, "s" + i, new AtomicLong()));
        }
        final SimulatedGovernor governor =
                new SimulatedGovernor(CpuSet.range(0, 2), List.of(3_000_000L, 2_000_000L, 1_000_000L));
        final BalancingRound round = round(
                group,
                BalancingConfig.builder()
                        .governors(() -> governor)
                        .balancer(new DynamicBalancer())
                        .periodMicros(PERIOD_MICROS));
        assertThat(round.info().governorName()).contains(SimulatedGovernor.NAME);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(governor.currentFrequency(1)).isEqualTo(1_000_000L);
            assertThat(governor.currentFrequency(2)).isEqualTo(1_000_000L);
            assertThat(governor.currentFrequency(0)).isEqualTo(1_000_000L);
        });
        burst.set(true);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(governor.currentFrequency(0)).isEqualTo(3_000_000L));
        assertThat(strands).allSatisfy(s -> assertThat(s.isClosed()).isFalse());
    }

    @Test
    void gschedulerLetsTheBusiestSmtSiblingDecideForItsIdleSibling() throws Exception {
        final Topology smt = Topology.read(TopologySource.ofSysfs(
                Path.of(getClass().getResource("/topology/two-socket-smt/sys").toURI())));
        final ReactorGroup group = ReactorGroup.builder()
                .name("smt")
                .topology(smt)
                .cpus(CpuSet.of(0, 16))
                .pinned(false)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        closing.add(group);
        assertThat(smt.processor(0).core()).isEqualTo(smt.processor(16).core());
        final Strand busy = Strand.of("busy");
        group.add(busy, group.reactor(0)).join();
        busy.add(Tasklet.of("spin", () -> {
                    final long end = System.nanoTime() + 100_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    return 1;
                }))
                .join();
        final SimulatedGovernor governor =
                new SimulatedGovernor(CpuSet.of(0, 16), List.of(3_000_000L, 2_000_000L, 1_000_000L));
        governor.min(16);
        round(
                group,
                BalancingConfig.builder()
                        .governors(() -> governor)
                        .balancer(new GovernorOnlyBalancer())
                        .periodMicros(PERIOD_MICROS));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(governor.currentFrequency(16))
                        .as("the idle sibling of a busy reactor is not slowed down")
                        .isGreaterThan(1_000_000L));
    }

    @Test
    void isolatedReactorsKeepTheirStrands() {
        final ReactorGroup group = group(3);
        burst.set(false);
        final List<Strand> free = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            final Strand strand = Strand.of("free" + i);
            group.add(strand, group.reactor(1)).join();
            strand.add(Tasklet.of("idle", () -> 0)).join();
            free.add(strand);
        }
        final Strand kept = Strand.of("kept");
        group.add(kept, group.reactor(2)).join();
        kept.add(Tasklet.of("idle", () -> 0)).join();
        final BalancingRound round = round(
                group,
                BalancingConfig.builder()
                        .schedulingOptions(0, CpuSet.of(2))
                        .balancer(new DynamicBalancer())
                        .periodMicros(PERIOD_MICROS));
        assertThat(round.info().isolated()).isEqualTo(CpuSet.of(2));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(free)
                        .extracting(BalancingRoundEndToEndTest::reactorOf)
                        .containsOnly(0));
        final long after = round.rounds();
        await().atMost(PATIENCE).until(() -> round.rounds() >= after + 5);
        assertThat(reactorOf(kept)).isEqualTo(2);
        final BalancingInfo info = round.setBalancer("static", 0, Map.of("mappings", kept.id() + ":0"))
                .join();
        assertThat(info.balancerName()).isEqualTo("static");
        assertThat(round.rounds()).isGreaterThan(after);
        for (int hop = 0; hop < 2; hop++) {
            final CompletableFuture<Void> ran = new CompletableFuture<>();
            kept.execute(() -> ran.complete(null));
            ran.join();
        }
        assertThat(reactorOf(kept)).isEqualTo(2);
    }

    @Test
    void mtlMovesTheLastBusyStrandOffAReactorAndSkipsItsOnlyHeavyStrand() {
        final ReactorGroup group = group(2);
        final Strand first = Strand.of("first");
        final Strand second = Strand.of("second");
        for (final Strand strand : List.of(first, second)) {
            group.add(strand, group.reactor(1)).join();
            strand.add(Tasklet.of(strand.name() + "-work", () -> {
                        final long end = System.nanoTime() + 20_000;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                        return 1;
                    }))
                    .join();
        }
        final BalancingRound round = round(
                group,
                BalancingConfig.builder()
                        .loopBudgets(s -> s == first || s == second ? 1 : 0)
                        .balancer(new MtlBalancer())
                        .periodMicros(PERIOD_MICROS));
        await().atMost(PATIENCE).until(() -> reactorOf(second) == 0);
        final long after = round.rounds();
        await().atMost(PATIENCE).until(() -> round.rounds() >= after + 5);
        assertThat(reactorOf(first)).isEqualTo(1);
        assertThat(reactorOf(second)).isZero();
    }

    @Test
    void mtlTreatsAStrandThatMissesDeadlinesAsBusy() {
        // Polling reactors cannot sleep, so MTL examines them whatever their sleep ratio.
        final ReactorGroup group = group(2, ReactorMode.POLL);
        final List<Strand> pair = steadyAndLate(group);
        final Strand steady = pair.get(0);
        final Strand late = pair.get(1);
        final BalancingRound round = round(
                group, BalancingConfig.builder().balancer(new MtlBalancer()).periodMicros(PERIOD_MICROS));
        await().atMost(PATIENCE).until(() -> reactorOf(late) == 0);
        final long after = round.rounds();
        await().atMost(PATIENCE).until(() -> round.rounds() >= after + 5);
        assertThat(reactorOf(steady)).isEqualTo(1);
        assertThat(late.stats().deadlineMisses()).isGreaterThan(10);
    }

    @Test
    void mtlMovesAStrandOntoAReactorWithRoomUnderTheGroupsQuotaLimit() {
        final MtlRun run = mtlBesideAResident(2.0);
        await().atMost(PATIENCE).until(() -> reactorOf(run.late()) == 0);
        assertThat(run.limits()).containsOnly(2.0);
    }

    @Test
    void mtlMovesNoStrandBeyondTheGroupsQuotaLimit() {
        final MtlRun run = mtlBesideAResident(1.0);
        await().atMost(PATIENCE)
                .until(() -> run.plans().stream()
                                .filter(p -> !p.busyMarks().isEmpty())
                                .count()
                        >= 5);
        assertThat(run.plans()).allSatisfy(plan -> assertThat(plan.moves()).isEmpty());
        assertThat(reactorOf(run.late())).isEqualTo(1);
        assertThat(run.limits()).containsOnly(1.0);
    }

    /**
     * Adds to reactor 1 a strand {@code steady} that ticks every millisecond and a strand {@code late} that also
     * reports a missed deadline at each tick, and returns them in that order.
     */
    private static List<Strand> steadyAndLate(final ReactorGroup group) {
        final Strand steady = Strand.of("steady");
        final Strand late = Strand.of("late");
        for (final Strand strand : List.of(steady, late)) {
            group.add(strand, group.reactor(1)).join();
            strand.add(Tasklet.timed(strand.name() + "-tick", Duration.ofMillis(1), () -> {
                        if (strand == late) {
                            strand.missedDeadline();
                        }
                        return 1;
                    }))
                    .join();
        }
        return List.of(steady, late);
    }

    private record MtlRun(Strand late, List<BalancePlan> plans, Set<Double> limits) {}

    /**
     * Reactor 0 holds an idle resident of weight 1; reactor 1 a steady strand and one that misses deadlines, so that
     * MTL wants to move the late one and only the quota limit decides whether reactor 0 may take it.
     */
    private MtlRun mtlBesideAResident(final double quotaLimit) {
        final ReactorGroup group = ReactorGroup.builder()
                .name("quota")
                .reactors(2)
                .mode(ReactorMode.POLL)
                .placement(QuotaPlacement.of(QuotaPlacer.Choice.FIRST_FIT, quotaLimit))
                .watchdog(Duration.ZERO)
                .build()
                .start();
        closing.add(group);
        group.add(Strand.of("resident"), group.reactor(0)).join();
        final Strand late = steadyAndLate(group).get(1);
        final List<BalancePlan> plans = new CopyOnWriteArrayList<>();
        final Set<Double> limits = ConcurrentHashMap.newKeySet();
        final MtlBalancer mtl = new MtlBalancer();
        final Balancer recording = new Balancer() {
            @Override
            public String name() {
                return mtl.name();
            }

            @Override
            public BalancePlan balance(final LoadSnapshot snapshot) {
                snapshot.reactors().forEach(r -> limits.add(r.quotaLimit()));
                final BalancePlan plan = mtl.balance(snapshot);
                plans.add(plan);
                return plan;
            }
        };
        round(group, BalancingConfig.builder().balancer(recording).periodMicros(PERIOD_MICROS));
        return new MtlRun(late, plans, limits);
    }

    @Test
    void theListenerHearsEveryModeSwitchAndEveryMoveWithItsEnd() {
        final ReactorGroup group = group(3);
        final AtomicLong polls = new AtomicLong();
        final List<Strand> strands = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            strands.add(bursty(group, "s" + i, polls));
        }
        burst.set(false);
        final List<String> heard = new CopyOnWriteArrayList<>();
        final BalancingListener listener = new BalancingListener() {
            @Override
            public void modeSwitched(
                    final Reactor reactor, final ReactorMode from, final ReactorMode to, final String balancer) {
                heard.add(balancer + " mode " + reactor.index() + " " + from + "->" + to);
            }

            @Override
            public MoveEnd moveRequested(
                    final Strand strand, final Reactor from, final Reactor to, final String balancer) {
                heard.add(balancer + " move " + strand.name() + " " + from.index() + "->" + to.index());
                return completed -> heard.add("ended " + strand.name() + " " + completed);
            }
        };
        round(
                group,
                BalancingConfig.builder()
                        .listener(listener)
                        .balancer(new DynamicBalancer())
                        .periodMicros(PERIOD_MICROS));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(strands)
                    .extracting(BalancingRoundEndToEndTest::reactorOf)
                    .containsOnly(0);
            assertThat(heard)
                    .contains(
                            "ended s1 true",
                            "ended s2 true",
                            "dynamic mode 1 SLEEP->INTERRUPT",
                            "dynamic mode 2 SLEEP->INTERRUPT");
        });
        assertThat(heard)
                .anyMatch(line -> line.startsWith("dynamic move s1 ") && line.endsWith("->0"))
                .anyMatch(line -> line.startsWith("dynamic move s2 ") && line.endsWith("->0"));
        assertThat(heard).noneMatch(line -> line.contains("s0"));
    }
}

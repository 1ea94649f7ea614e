package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.fork.config.ConfigurationPlan;
import dev.weft.fork.config.Configurations;
import dev.weft.fork.config.Examples;
import dev.weft.fork.config.PoolPlan;
import dev.weft.fork.config.VictimEdge;
import dev.weft.platform.CpuSet;
import dev.weft.platform.Topology;
import dev.weft.platform.TopologySource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GTS's six configurations: their decisions on a fixture machine, and each one run on this machine. */
class ConfigurationsTest {

    private static Topology fixture() throws URISyntaxException {
        final Path sys = Path.of(ConfigurationsTest.class
                .getResource("/topology/fork-2numa-hybrid-8cpu/sys")
                .toURI());
        return Topology.read(TopologySource.ofSysfs(sys));
    }

    private static List<CpuSet> each(final int from, final int to) {
        return IntStream.rangeClosed(from, to).mapToObj(CpuSet::of).toList();
    }

    @Test
    void oneToOneAffinityPinsAWorkerToEveryCpuButTheMasters() throws Exception {
        final ConfigurationPlan plan = Configurations.oneToOneAffinity(fixture());
        assertThat(plan.pools())
                .containsExactly(new PoolPlan("affinity", each(1, 7), OptionalInt.empty(), List.of("affinity")));
        assertThat(plan.victims()).isEmpty();
    }

    @Test
    void preemptivePriorityRunsTwoPoolsAtTwoNiceValues() throws Exception {
        final ConfigurationPlan plan = Configurations.preemptivePriority(fixture());
        assertThat(plan.pools())
                .containsExactly(
                        new PoolPlan("high", each(1, 7), OptionalInt.empty(), List.of("high")),
                        new PoolPlan(
                                "low", each(0, 7), OptionalInt.of(Configurations.LOW_PRIORITY_NICE), List.of("low")));
    }

    @Test
    void isolationPutsTwoSchedulersOnOnePool() throws Exception {
        final ConfigurationPlan plan = Configurations.isolation(fixture());
        assertThat(plan.pools())
                .singleElement()
                .extracting(PoolPlan::schedulers)
                .isEqualTo(List.of("A", "B"));
    }

    @Test
    void partitioningSplitsTheCpusAndVictimisesOneWay() throws Exception {
        final ConfigurationPlan plan = Configurations.partition(fixture(), 4);
        assertThat(plan.pools())
                .containsExactly(
                        new PoolPlan("update", each(1, 3), OptionalInt.empty(), List.of("update")),
                        new PoolPlan("long", each(4, 7), OptionalInt.empty(), List.of("long")));
        assertThat(plan.victims()).containsExactly(new VictimEdge("long", "update"));
        assertThatThrownBy(() -> Configurations.partition(fixture(), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("update share in [1, 7], not 8");
    }

    @Test
    void theNumaHierarchyKeepsTasksOnTheirNode() throws Exception {
        final ConfigurationPlan plan = Configurations.numaHierarchy(fixture());
        assertThat(plan.pools())
                .containsExactly(
                        new PoolPlan("node0", each(1, 3), OptionalInt.empty(), List.of("node0", "machine")),
                        new PoolPlan("node1", each(4, 7), OptionalInt.empty(), List.of("node1")));
        assertThat(plan.victims())
                .containsExactly(new VictimEdge("node0", "machine"), new VictimEdge("node1", "machine"));
    }

    @Test
    void theHeterogeneousHierarchyVictimisesTheSlowClassOneWay() throws Exception {
        final ConfigurationPlan plan = Configurations.efficiencyHierarchy(fixture());
        assertThat(plan.pools())
                .containsExactly(
                        new PoolPlan("class1", each(1, 3), OptionalInt.empty(), List.of("class1")),
                        new PoolPlan("class0", each(4, 7), OptionalInt.empty(), List.of("class0")));
        assertThat(plan.victims()).containsExactly(new VictimEdge("class1", "class0"));
    }

    static List<String> names() {
        return Examples.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyExampleRunsOnThisMachine(final String name) {
        final ConfigurationPlan plan = Examples.plan(name, Topology.read());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int verified = Examples.run(plan, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final int schedulers =
                plan.pools().stream().mapToInt(p -> p.schedulers().size()).sum();
        assertThat(verified).isEqualTo(schedulers);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("== " + plan.name())
                .contains("fib(24) = 46368");
        assertThat(ForkExecutorServiceTest.liveThreadsNamed(
                        plan.pools().getFirst().name() + "-worker"))
                .isEmpty();
    }

    @Test
    void unknownExamplesAreNamed() {
        assertThatThrownBy(() -> Examples.plan("nope", Topology.read()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown example 'nope'");
    }
}

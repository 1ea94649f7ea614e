package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsed model of each fixture machine under {@code src/test/resources/topology}. */
class TopologyFixtureTest {

    @Test
    void twoCoreVm() {
        final Topology t = Fixtures.read("vm-2core");
        assertThat(t.online()).isEqualTo(CpuSet.range(0, 1));
        assertThat(t.cores()).extracting(Core::processors).containsExactly(CpuSet.of(0), CpuSet.of(1));
        assertThat(t.sockets()).containsExactly(new Socket(0, CpuSet.range(0, 1)));
        assertThat(t.numaNodes()).containsExactly(new NumaNode(0, CpuSet.range(0, 1)));
        assertThat(t.efficiencyClassCount()).isEqualTo(1);
        assertThat(t.allowed()).isEqualTo(CpuSet.range(0, 1));
        assertThat(t.isolated()).isEqualTo(CpuSet.empty());
        assertThat(t.processorGroupCount()).isEqualTo(1);
        assertThat(t.processors())
                .containsExactly(new Processor(0, 0, 0, 0, 0, true, false), new Processor(1, 1, 0, 0, 0, true, false));
        assertThat(t.notes()).isEmpty();
    }

    @Test
    void twoSocketsTwoNumaNodesWithSmt() {
        final Topology t = Fixtures.read("two-socket-smt");
        assertThat(t.processors()).hasSize(32);
        assertThat(t.cores()).hasSize(16);
        assertThat(t.cores())
                .allSatisfy(core -> assertThat(core.processors().size()).isEqualTo(2));
        assertThat(t.cores().get(0).processors()).isEqualTo(CpuSet.of(0, 16));
        assertThat(t.cores().get(9)).isEqualTo(new Core(9, 1, 1, CpuSet.of(9, 25), 0));
        assertThat(t.sockets())
                .containsExactly(
                        new Socket(0, CpuSet.parseList("0-7,16-23")), new Socket(1, CpuSet.parseList("8-15,24-31")));
        assertThat(t.numaNodes())
                .containsExactly(
                        new NumaNode(0, CpuSet.parseList("0-7,16-23")),
                        new NumaNode(1, CpuSet.parseList("8-15,24-31")));
        assertThat(t.processor(24)).isEqualTo(new Processor(24, 8, 1, 1, 0, true, false));
        assertThat(t.processor(16).core()).isEqualTo(t.processor(0).core());
        assertThat(t.efficiencyClassCount()).isEqualTo(1);
        assertThat(t.allowed()).isEqualTo(CpuSet.range(0, 31));
        assertThat(t.notes()).singleElement().asString().contains("process affinity unknown");
    }

    @Test
    void hybridRanksPerformanceCoresAboveEfficiencyCores() {
        final Topology t = Fixtures.read("hybrid");
        assertThat(t.processors()).hasSize(24);
        assertThat(t.cores()).hasSize(16);
        assertThat(t.efficiencyClassCount()).isEqualTo(2);
        final List<Core> pCores = t.cores().subList(0, 8);
        final List<Core> eCores = t.cores().subList(8, 16);
        assertThat(pCores).allSatisfy(core -> {
            assertThat(core.efficiencyClass()).isEqualTo(1);
            assertThat(core.processors().size()).isEqualTo(2);
        });
        assertThat(eCores).allSatisfy(core -> {
            assertThat(core.efficiencyClass()).isZero();
            assertThat(core.processors().size()).isEqualTo(1);
        });
        assertThat(t.processor(5).efficiencyClass()).isEqualTo(1);
        assertThat(t.processor(20).efficiencyClass()).isZero();
        assertThat(t.processor(3).core()).isEqualTo(1);
    }

    @Test
    void containerCpusetAllowsThreeOfEight() {
        final Topology t = Fixtures.read("container-3of8");
        assertThat(t.online()).isEqualTo(CpuSet.range(0, 7));
        assertThat(t.allowed()).isEqualTo(CpuSet.parseList("2-3,6"));
        assertThat(t.processors())
                .filteredOn(Processor::allowed)
                .extracting(Processor::id)
                .containsExactly(2, 3, 6);
        assertThat(t.cores()).hasSize(4);
        assertThat(t.processor(6).core()).isEqualTo(2);
        assertThat(t.notes()).containsExactly("no cpu_capacity or cpufreq figures: every core is efficiency class 0");
    }

    @Test
    void isolatedCpusAreMarkedAndOutsideTheAffinity() {
        final Topology t = Fixtures.read("isolated");
        assertThat(t.isolated()).isEqualTo(CpuSet.range(6, 7));
        assertThat(t.allowed()).isEqualTo(CpuSet.range(0, 5));
        assertThat(t.processor(7)).isEqualTo(new Processor(7, 7, 0, 0, 0, false, true));
        assertThat(t.processor(5)).isEqualTo(new Processor(5, 5, 0, 0, 0, true, false));
    }

    @Test
    void aMissingTreeIsAClearError() {
        assertThatThrownBy(() -> Topology.read(
                        TopologySource.ofSysfs(Fixtures.sysfs("vm-2core").resolve("nope"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> Fixtures.read("vm-2core").processor(9))
                .hasMessageContaining("no online processor 9; online are 0-1");
    }
}

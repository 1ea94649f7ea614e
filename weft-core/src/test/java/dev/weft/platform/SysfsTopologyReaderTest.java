package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules of the sysfs reader on small trees written by each test. */
class SysfsTopologyReaderTest {

    @TempDir
    Path root;

    private Path sys() {
        return root.resolve("sys");
    }

    private void cpus(final int count) {
        Fixtures.write(sys(), "devices/system/cpu/online", "0-" + (count - 1));
        for (int cpu = 0; cpu < count; cpu++) {
            Fixtures.write(sys(), "devices/system/cpu/cpu" + cpu + "/topology/core_id", String.valueOf(cpu));
            Fixtures.write(sys(), "devices/system/cpu/cpu" + cpu + "/topology/physical_package_id", "0");
        }
    }

    private Topology read() {
        return Topology.read(TopologySource.ofSysfs(sys()));
    }

    @Test
    void capacityWinsOverFrequencies() {
        cpus(3);
        final int[] capacity = {1024, 512, 1024};
        final int[] baseFrequency = {1000, 3000, 2000};
        for (int cpu = 0; cpu < 3; cpu++) {
            Fixtures.write(sys(), "devices/system/cpu/cpu" + cpu + "/cpu_capacity", String.valueOf(capacity[cpu]));
            Fixtures.write(
                    sys(),
                    "devices/system/cpu/cpu" + cpu + "/cpufreq/base_frequency",
                    String.valueOf(baseFrequency[cpu]));
        }
        assertThat(read().processors()).extracting(Processor::efficiencyClass).containsExactly(1, 0, 1);
    }

    @Test
    void baseFrequencyWinsOverMaximumFrequency() {
        cpus(3);
        final int[] baseFrequency = {1000, 3000, 2000};
        for (int cpu = 0; cpu < 3; cpu++) {
            Fixtures.write(
                    sys(),
                    "devices/system/cpu/cpu" + cpu + "/cpufreq/base_frequency",
                    String.valueOf(baseFrequency[cpu]));
            Fixtures.write(sys(), "devices/system/cpu/cpu" + cpu + "/cpufreq/cpuinfo_max_freq", "5000");
        }
        assertThat(read().processors()).extracting(Processor::efficiencyClass).containsExactly(0, 2, 1);
    }

    @Test
    void maximumFrequencyWhenNothingElseIsThere() {
        cpus(2);
        Fixtures.write(sys(), "devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "4000");
        Fixtures.write(sys(), "devices/system/cpu/cpu1/cpufreq/cpuinfo_max_freq", "2000");
        Fixtures.write(sys(), "devices/system/cpu/cpu1/cpufreq/base_frequency", "1000");
        assertThat(read().processors()).extracting(Processor::efficiencyClass).containsExactly(1, 0);
    }

    @Test
    void noFiguresMeansEveryCoreIsClassZeroAndSaysSo() {
        cpus(2);
        final Topology t = read();
        assertThat(t.processors()).extracting(Processor::efficiencyClass).containsOnly(0);
        assertThat(t.notes()).anyMatch(note -> note.contains("efficiency class 0"));
    }

    @Test
    void withoutNumaNodesEveryProcessorIsOnNodeZero() {
        cpus(4);
        final Topology t = read();
        assertThat(t.numaNodes()).containsExactly(new NumaNode(0, CpuSet.range(0, 3)));
        assertThat(t.notes()).anyMatch(note -> note.contains("every processor is on node 0"));
    }

    @Test
    void withoutTheOnlineFileEveryCpuDirectoryCounts() {
        Fixtures.write(sys(), "devices/system/cpu/cpu0/topology/core_id", "0");
        Fixtures.write(sys(), "devices/system/cpu/cpu2/topology/core_id", "1");
        Fixtures.write(sys(), "devices/system/cpu/cpufreq/policy0", "");
        final Topology t = read();
        assertThat(t.online()).isEqualTo(CpuSet.of(0, 2));
        assertThat(t.cores()).hasSize(2);
    }

    @Test
    void offlineSiblingsAreLeftOutOfTheirCore() {
        Fixtures.write(sys(), "devices/system/cpu/online", "0-2");
        for (int cpu = 0; cpu < 3; cpu++) {
            Fixtures.write(
                    sys(), "devices/system/cpu/cpu" + cpu + "/topology/core_cpus_list", cpu == 2 ? "2-3" : "0-1");
        }
        final Topology t = read();
        assertThat(t.cores()).extracting(Core::processors).containsExactly(CpuSet.range(0, 1), CpuSet.of(2));
    }

    @Test
    void olderKernelsNameSiblingsThreadSiblingsList() {
        Fixtures.write(sys(), "devices/system/cpu/online", "0-3");
        for (int cpu = 0; cpu < 4; cpu++) {
            Fixtures.write(
                    sys(),
                    "devices/system/cpu/cpu" + cpu + "/topology/thread_siblings_list",
                    cpu % 2 == 0 ? cpu + "-" + (cpu + 1) : (cpu - 1) + "-" + cpu);
        }
        assertThat(read().cores()).hasSize(2);
    }

    @Test
    void cgroupV2IsReadFromTheNearestAncestorWithTheFile() {
        cpus(8);
        Fixtures.write(sys(), "fs/cgroup/cgroup.controllers", "cpuset cpu");
        Fixtures.write(sys(), "fs/cgroup/cpuset.cpus.effective", "0-7");
        Fixtures.write(sys(), "fs/cgroup/kubepods/cpuset.cpus.effective", "4-7");
        Fixtures.write(sys(), "fs/cgroup/kubepods/pod1/ctr/cgroup.procs", "1");
        Fixtures.write(root, "proc/self/cgroup", "0::/kubepods/pod1/ctr");
        assertThat(read().allowed()).isEqualTo(CpuSet.range(4, 7));
    }

    @Test
    void cgroupV1CpusetWinsInAHybridHierarchy() {
        cpus(8);
        Fixtures.write(sys(), "fs/cgroup/cpuset/app/cpuset.cpus", "1,3");
        Fixtures.write(sys(), "fs/cgroup/unified/cgroup.controllers", "");
        Fixtures.write(root, "proc/self/cgroup", "3:cpuset:/app\n0::/app");
        Fixtures.write(root, "affinity", "0-6");
        assertThat(read().allowed()).isEqualTo(CpuSet.of(1, 3));
    }

    @Test
    void affinityAndCpusetAreBothIntersected() {
        cpus(8);
        Fixtures.write(sys(), "fs/cgroup/cgroup.controllers", "cpuset");
        Fixtures.write(sys(), "fs/cgroup/cpuset.cpus.effective", "2-7");
        Fixtures.write(root, "affinity", "0-3");
        assertThat(read().allowed()).isEqualTo(CpuSet.range(2, 3));
    }

    @Test
    void anInjectedAffinityIsUsedAsGiven() {
        cpus(4);
        final Topology t = Topology.read(new TopologySource(
                sys(),
                sys().resolve("fs/cgroup"),
                root.resolve("proc/self/cgroup"),
                () -> Optional.of(CpuSet.of(1, 2, 9))));
        assertThat(t.allowed()).isEqualTo(CpuSet.of(1, 2));
        assertThat(t.notes()).anyMatch(note -> note.contains("no cgroup cpuset"));
    }

    @Test
    void aMalformedFileIsReportedWithItsPath() {
        cpus(2);
        Fixtures.write(sys(), "devices/system/cpu/isolated", "0-x");
        assertThatThrownBy(this::read)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("isolated")
                .hasMessageContaining("'0-x'");
        Fixtures.write(sys(), "devices/system/cpu/isolated", "");
        Fixtures.write(sys(), "devices/system/cpu/cpu1/topology/physical_package_id", "one");
        assertThatThrownBy(this::read).hasMessageContaining("physical_package_id holds 'one'");
    }

    @Test
    void noProcessorsIsAClearError() {
        Fixtures.write(sys(), "devices/system/cpu/online", "");
        assertThatThrownBy(this::read).hasMessageContaining("no online processors");
    }
}

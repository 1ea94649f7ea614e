package dev.weft.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.platform.CpuSet;
import dev.weft.platform.Topology;
import dev.weft.platform.TopologySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernorTest {

    @TempDir
    Path sys;

    /** Writes a machine of four cores, two SMT threads each (cpu N and N+4 are siblings), with cpufreq. */
    private Topology machine(final boolean withTable) throws IOException {
        write("devices/system/cpu/online", "0-7");
        for (int cpu = 0; cpu < 8; cpu++) {
            final String dir = "devices/system/cpu/cpu" + cpu;
            write(dir + "/topology/core_cpus_list", (cpu % 4) + "," + (cpu % 4 + 4));
            write(dir + "/cpufreq/scaling_governor", "schedutil");
            write(dir + "/cpufreq/scaling_available_governors", "performance schedutil userspace");
            write(dir + "/cpufreq/scaling_cur_freq", "2400000");
            write(dir + "/cpufreq/scaling_driver", "acpi-cpufreq");
            write(dir + "/cpufreq/base_frequency", cpu % 4 == 0 ? "2600000" : "2000000");
            if (withTable) {
                write(dir + "/cpufreq/scaling_available_frequencies", "3000000 2400000 1800000 1200000 ");
            }
        }
        return Topology.read(TopologySource.ofSysfs(sys));
    }

    private void write(final String relative, final String text) throws IOException {
        final Path file = sys.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }

    private String read(final String relative) throws IOException {
        return Files.readString(sys.resolve(relative)).strip();
    }

    @Test
    void cpufreqStepsThroughTheTableAndWritesSetspeed() throws IOException {
        final Topology topology = machine(true);
        try (CpufreqGovernor governor = CpufreqGovernor.open(sys, CpuSet.of(0, 4, 1, 5), topology)) {
            assertThat(read("devices/system/cpu/cpu0/cpufreq/scaling_governor")).isEqualTo("userspace");
            assertThat(read("devices/system/cpu/cpu2/cpufreq/scaling_governor")).isEqualTo("schedutil");
            assertThat(governor.availableFrequencies(0))
                    .containsExactly(3_000_000L, 2_400_000L, 1_800_000L, 1_200_000L);
            assertThat(governor.currentFrequency(0)).isEqualTo(2_400_000);
            assertThat(governor.up(0)).isEqualTo(1);
            assertThat(read("devices/system/cpu/cpu0/cpufreq/scaling_setspeed")).isEqualTo("3000000");
            assertThat(governor.up(0)).isZero();
            assertThat(governor.max(0)).isZero();
            assertThat(governor.apply(1, FrequencyAction.MIN)).isEqualTo(1);
            assertThat(read("devices/system/cpu/cpu1/cpufreq/scaling_setspeed")).isEqualTo("1200000");
            assertThat(governor.down(1)).isZero();
            assertThat(governor.apply(1, FrequencyAction.UP)).isEqualTo(1);
            assertThat(governor.currentFrequency(1)).isEqualTo(1_800_000);
            assertThat(governor.capabilities(0).priority()).isTrue();
            assertThat(governor.capabilities(1).priority()).isFalse();
            assertThat(governor.info()).containsEntry("name", "cpufreq");
            assertThatThrownBy(() -> governor.up(2)).hasMessageContaining("CPU 2 is not managed");
        }
        assertThat(read("devices/system/cpu/cpu0/cpufreq/scaling_governor")).isEqualTo("schedutil");
    }

    @Test
    void cpufreqRefusesAMaskThatSplitsSmtSiblings() throws IOException {
        final Topology topology = machine(true);
        assertThatThrownBy(() -> CpufreqGovernor.open(sys, CpuSet.of(0, 1, 5), topology))
                .hasMessage("the cpufreq governor refuses CPU mask 0-1,5: it holds only 0 of core 0's SMT siblings "
                        + "0,4, which share one clock");
        assertThat(read("devices/system/cpu/cpu1/cpufreq/scaling_governor")).isEqualTo("schedutil");
    }

    @Test
    void cpufreqRefusesMachinesWithoutAFrequencyTable() throws IOException {
        final Topology topology = machine(false);
        assertThatThrownBy(() -> CpufreqGovernor.open(sys, CpuSet.of(0, 4), topology))
                .hasMessageContaining("CPU 0 has no frequency table")
                .hasMessageContaining("driver acpi-cpufreq");
    }

    @Test
    void cpufreqOnThisKindOfVirtualMachineSaysItCannot() throws IOException {
        write("devices/system/cpu/online", "0-1");
        write("devices/system/cpu/cpu0/topology/core_id", "0");
        write("devices/system/cpu/cpu1/topology/core_id", "1");
        final Topology topology = Topology.read(TopologySource.ofSysfs(sys));
        assertThatThrownBy(() -> CpufreqGovernor.open(sys, CpuSet.of(0, 1), topology))
                .hasMessageContaining("CPU 0 has no cpufreq")
                .hasMessageContaining("use the simulated governor or none");
    }

    @Test
    void simulatedGovernorKeepsLevelsInMemory() {
        final SimulatedGovernor governor =
                new SimulatedGovernor(CpuSet.range(0, 1), List.of(3_000_000L, 2_000_000L, 1_000_000L));
        assertThat(governor.currentFrequency(1)).isEqualTo(3_000_000);
        assertThat(governor.max(1)).isZero();
        assertThat(governor.down(1)).isEqualTo(1);
        assertThat(governor.min(1)).isEqualTo(1);
        assertThat(governor.min(1)).isZero();
        assertThat(governor.currentFrequency(1)).isEqualTo(1_000_000);
        assertThat(governor.currentFrequency(0)).isEqualTo(3_000_000);
        assertThat(governor.info()).containsEntry("name", "simulated");
        assertThatThrownBy(() -> governor.up(5)).hasMessageContaining("CPU 5 is not managed");
        assertThatThrownBy(() -> new SimulatedGovernor(CpuSet.of(0), List.of(1L, 2L)))
                .hasMessageContaining("highest first");
    }
}

package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.platform.CpuSet;
import dev.weft.platform.NativeThread;
import dev.weft.platform.Topology;
import dev.weft.platform.TopologySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementTest {

    /** Writes a sysfs tree for a 4-CPU machine with two NUMA nodes: CPUs 0-1 on node 0, 2-3 on node 1. */
    private static Topology twoNodeMachine(final Path dir) throws IOException {
        final Path sys = dir.resolve("sys");
        final Path cpu = sys.resolve("devices/system/cpu");
        Files.createDirectories(cpu);
        Files.writeString(cpu.resolve("online"), "0-3\n");
        for (int i = 0; i < 4; i++) {
            final Path topology = cpu.resolve("cpu" + i + "/topology");
            Files.createDirectories(topology);
            Files.writeString(topology.resolve("core_id"), i + "\n");
            Files.writeString(topology.resolve("physical_package_id"), (i / 2) + "\n");
            Files.writeString(topology.resolve("core_cpus_list"), i + "\n");
        }
        for (int node = 0; node < 2; node++) {
            final Path nodeDir = sys.resolve("devices/system/node/node" + node);
            Files.createDirectories(nodeDir);
            Files.writeString(nodeDir.resolve("cpulist"), (node * 2) + "-" + (node * 2 + 1) + "\n");
        }
        Files.writeString(dir.resolve("affinity"), "0-3\n");
        return Topology.read(TopologySource.ofSysfs(sys));
    }

    @Test
    void strandsPreferReactorsOnTheirNumaNodeAndAlternateThere(@TempDir final Path dir) throws Exception {
        final Topology topology = twoNodeMachine(dir);
        try (ReactorGroup group = ReactorGroup.builder()
                .name("numa")
                .topology(topology)
                .pinned(false)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            assertThat(group.reactors()).extracting(Reactor::numaNode).containsExactly(0, 0, 1, 1);
            final List<Integer> cpus = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                final Strand strand = Strand.builder("node1-" + i).numaNode(1).build();
                cpus.add(group.add(strand).get(10, TimeUnit.SECONDS).cpu());
            }
            assertThat(cpus).containsExactly(2, 3, 2, 3);
            final Strand masked = Strand.builder("node1-but-cpu0")
                    .numaNode(1)
                    .cpuMask(CpuSet.of(0))
                    .build();
            assertThat(group.add(masked).get(10, TimeUnit.SECONDS).cpu())
                    .as("the mask wins over the preference")
                    .isZero();
        }
    }

    @Test
    void pinnedReactorsRunOnTheirCpuOrSayWhyNot() throws Exception {
        final int cpu = Topology.read().allowed().first();
        try (ReactorGroup group = ReactorGroup.builder()
                .name("pinned")
                .cpus(CpuSet.of(cpu))
                .pinned(true)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final Reactor reactor = group.reactor(0);
            assertThat(reactor.isPinned()).isTrue();
            if (NativeThread.isSupported()) {
                assertThat(group.placementNotes()).isEmpty();
                final Strand strand = Strand.of("where");
                group.add(strand).get(10, TimeUnit.SECONDS);
                final CompletableFuture<Integer> ranOn = new CompletableFuture<>();
                strand.execute(() -> ranOn.complete(NativeThread.currentCpu()));
                assertThat(ranOn.get(10, TimeUnit.SECONDS)).isEqualTo(cpu);
                assertThat(reactor.stats().threadId()).isPositive();
            } else {
                assertThat(group.placementNotes())
                        .anySatisfy(note -> assertThat(note).contains("affinity"));
            }
        }
    }
}

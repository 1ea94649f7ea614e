package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The live machine's model agrees with what the JVM and sysfs say directly. */
@EnabledOnOs(OS.LINUX)
class LiveTopologyTest {

    @Test
    void agreesWithSysfsAndTheJvm() throws Exception {
        final Topology t = Topology.read();
        final CpuSet online = CpuSet.parseList(Files.readString(Path.of("/sys/devices/system/cpu/online")));
        assertThat(t.online()).isEqualTo(online);
        assertThat(t.processors()).hasSize(online.size());
        assertThat(t.allowed().size()).isEqualTo(nproc());
        assertThat(t.allowed()).isEqualTo(NativeThread.currentThreadAffinity().intersect(online));
        assertThat(t.cores().stream().mapToInt(c -> c.processors().size()).sum())
                .isEqualTo(online.size());
    }

    private static int nproc() throws Exception {
        final Process process =
                new ProcessBuilder("nproc").redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).isZero();
        return Integer.parseInt(out);
    }
}

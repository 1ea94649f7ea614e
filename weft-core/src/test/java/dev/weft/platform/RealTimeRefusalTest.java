package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Without the privilege, a real-time class is refused with the reason and nothing runs in the wrong class: checked
 * in a separate JVM that lacks {@code CAP_SYS_NICE} (started through {@code setpriv --bounding-set -sys_nice}
 * when this one has it, so that the refusal is tested on every machine).
 */
@EnabledOnOs(OS.LINUX)
class RealTimeRefusalTest {

    @Test
    void aRealTimeClassWithoutThePrivilegeIsRefusedWithTheReason() throws Exception {
        final List<String> command = new ArrayList<>();
        if (KernelFacts.mayUseRealTime(SchedulingPolicy.MAX_REALTIME_PRIORITY)) {
            final Path setpriv = Path.of("/usr/bin/setpriv");
            assertThat(Files.isExecutable(setpriv))
                    .as("setpriv (util-linux) drops CAP_SYS_NICE for the probe")
                    .isTrue();
            command.addAll(List.of(setpriv.toString(), "--bounding-set", "-sys_nice"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                RealTimeRefusalProbe.class.getName()));
        final Process process =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out.lines())
                .containsExactly(
                        "direct=1 sched_setattr(fifo/5) failed: errno 1 (Operation not permitted): a real-time "
                                + "class needs "
                                + "CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 5 (ulimit -r; or run as root)",
                        "spec=thread 'probe-rt' could not be placed: sched_setattr(rr/7) failed: errno 1 "
                                + "(Operation not "
                                + "permitted): a real-time class needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 7 "
                                + "(ulimit -r; or run as root)",
                        "after=FAIR");
    }
}

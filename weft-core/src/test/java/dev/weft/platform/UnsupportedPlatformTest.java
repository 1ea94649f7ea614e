package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Where the native calls are missing, weft says "unsupported" and keeps running: checked in a separate JVM. */
class UnsupportedPlatformTest {

    @Test
    void aJvmThatDeniesNativeAccessGetsUnpinnedThreadsAndTheFlagToGiveIt() throws Exception {
        final String java =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(
                        java,
                        "--illegal-native-access=deny",
                        "-cp",
                        System.getProperty("java.class.path"),
                        UnsupportedPlatformProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        final String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out.lines()).contains("supported=false", "body=ran", "pinnedTo=none", "notApplied=4");
        assertThat(out)
                .contains("reason=the JVM refuses weft native access")
                .contains("run it with --enable-native-access=ALL-UNNAMED");
    }

    @Test
    void withoutNativeCallsThreadsRunUnpinnedAndSayWhy() throws Exception {
        final String java =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(
                        java,
                        "-D" + NativeThread.DISABLE_PROPERTY + "=off",
                        "-cp",
                        System.getProperty("java.class.path"),
                        UnsupportedPlatformProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        final String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out.lines())
                .containsExactly(
                        "supported=false",
                        "reason=native calls are switched off by -Dweft.native=off",
                        "pin=sched_setaffinity is unsupported here: native calls are switched off by -Dweft.native=off",
                        "scheduling=syscall is unsupported here: native calls are switched off by -Dweft.native=off",
                        "body=ran",
                        "pinnedTo=none",
                        "notApplied=4",
                        "allowed=" + Topology.read().online().toList(),
                        "affinityNote=true");
    }
}

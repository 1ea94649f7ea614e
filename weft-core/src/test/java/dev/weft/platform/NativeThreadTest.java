package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The FFM calls against the real kernel. Each test changes only a fresh thread, never the test runner's.
 */
@EnabledOnOs(OS.LINUX)
class NativeThreadTest {

    private static <T> T onFreshThread(final Callable<T> body) throws Exception {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Thread thread = Thread.ofPlatform().start(() -> {
            try {
                result.complete(body.call());
            } catch (final Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.join();
        return result.get();
    }

    @Test
    void isSupportedOnLinux() {
        assertThat(NativeThread.isSupported()).isTrue();
        assertThat(NativeThread.unsupportedReason()).isEmpty();
    }

    @Test
    void pinningToCpuOneRunsTheThreadOnCpuOne() throws Exception {
        assumeThat(NativeThread.currentThreadAffinity().contains(1))
                .as("CPU 1 is allowed")
                .isTrue();
        final int[] seen = onFreshThread(() -> {
            NativeThread.pinCurrentThread(CpuSet.of(1));
            final int[] cpus = new int[100];
            for (int i = 0; i < cpus.length; i++) {
                cpus[i] = NativeThread.currentCpu();
                Thread.yield();
            }
            return cpus;
        });
        assertThat(seen).containsOnly(1);
    }

    @Test
    void affinityReadsBackWhatWasSet() throws Exception {
        final CpuSet allowed = NativeThread.currentThreadAffinity();
        final CpuSet one = CpuSet.of(allowed.last());
        assertThat(onFreshThread(() -> {
                    NativeThread.pinCurrentThread(one);
                    return NativeThread.currentThreadAffinity();
                }))
                .isEqualTo(one);
        assertThat(NativeThread.currentThreadAffinity()).isEqualTo(allowed);
    }

    @Test
    void pinningToACpuThatDoesNotExistIsAClearError() {
        assertThatThrownBy(() -> onFreshThread(() -> {
                    NativeThread.pinCurrentThread(CpuSet.of(4000));
                    return null;
                }))
                .cause()
                .isInstanceOf(NativeCallException.class)
                .hasMessageContaining("sched_setaffinity(4000) failed: errno 22 (Invalid argument)")
                .satisfies(e -> assertThat(((NativeCallException) e).errno()).isEqualTo(22));
    }

    @Test
    void pinningToAnEmptySetIsRejected() {
        assertThatThrownBy(() -> NativeThread.pinCurrentThread(CpuSet.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty CPU set");
    }

    @Test
    void currentCpuIsAnAllowedProcessor() {
        assertThat(NativeThread.currentThreadAffinity().contains(NativeThread.currentCpu()))
                .isTrue();
    }

    @Test
    void threadIdIsTheKernelsTaskId() throws Exception {
        final int[] ids = onFreshThread(() -> {
            final String link =
                    Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return new int[] {
                NativeThread.currentThreadId(), Integer.parseInt(link.substring(link.lastIndexOf('/') + 1))
            };
        });
        assertThat(ids[0]).isEqualTo(ids[1]).isNotEqualTo((int)
                ProcessHandle.current().pid());
    }

    @Test
    void timerSlackIsSetAndReadBack() throws Exception {
        assertThat(onFreshThread(() -> {
                    NativeThread.setTimerSlack(1);
                    final long one = NativeThread.timerSlack();
                    NativeThread.setTimerSlack(20_000);
                    return new long[] {one, NativeThread.timerSlack()};
                }))
                .containsExactly(1L, 20_000L);
        assertThatThrownBy(() -> NativeThread.setTimerSlack(-1)).hasMessageContaining("-1 ns is negative");
    }

    @Test
    void threadCpuTimesAgreeWithTheJdksClockAndGrow() throws Exception {
        final long[] seen = onFreshThread(() -> {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final ThreadCpuTimes first = NativeThread.currentThreadCpuTimes();
            long spin = 0;
            for (int i = 0; i < 20_000_000; i++) {
                spin += i ^ spin;
            }
            final long before = threads.getCurrentThreadCpuTime();
            final ThreadCpuTimes second = NativeThread.currentThreadCpuTimes();
            final long after = threads.getCurrentThreadCpuTime();
            return new long[] {first.totalNanos(), second.totalNanos(), before, after, spin == 42 ? 1 : 0};
        });
        assertThat(seen[1]).isGreaterThan(seen[0]);
        assertThat(seen[1]).isBetween(seen[2] - 1_000_000, seen[3] + 1_000_000);
        assertThatThrownBy(() -> new ThreadCpuTimes(-1, 0)).hasMessageContaining("neither may be negative");
    }

    @Test
    void niceChangesOnlyTheCallingThread() throws Exception {
        final int[] nice = onFreshThread(() -> {
            NativeThread.setNice(7);
            return new int[] {
                niceOf(NativeThread.currentThreadId()),
                niceOf((int) ProcessHandle.current().pid())
            };
        });
        assertThat(nice[0]).isEqualTo(7);
        assertThat(nice[1]).isNotEqualTo(7);
        assertThatThrownBy(() -> NativeThread.setNice(20)).hasMessageContaining("nice value 20 is outside [-20, 19]");
    }

    @Test
    void aFairSliceIsSetAndReadBackWhereTheKernelHonoursIt() throws Exception {
        final SchedulingPolicy asked = SchedulingPolicy.fair(Duration.of(200, ChronoUnit.MICROS));
        final SchedulingPolicy[] seen = onFreshThread(() -> {
            NativeThread.setNice(3);
            final SchedulingPolicy before = NativeThread.currentSchedulingPolicy();
            NativeThread.setSchedulingPolicy(asked);
            final SchedulingPolicy set = NativeThread.currentSchedulingPolicy();
            assertThat(niceOf(NativeThread.currentThreadId()))
                    .as("the nice value survives")
                    .isEqualTo(3);
            NativeThread.setSchedulingPolicy(SchedulingPolicy.fair());
            return new SchedulingPolicy[] {before, set, NativeThread.currentSchedulingPolicy()};
        });
        assertThat(seen[0].kind()).isEqualTo(SchedulingPolicy.Kind.FAIR);
        assertThat(seen[1]).isEqualTo(KernelFacts.kernelAtLeast(6, 12) ? asked : seen[0]);
        assertThat(seen[2]).as("back to the kernel's default slice").isEqualTo(seen[0]);
    }

    @Test
    void aRealTimeClassIsSetWithTheCapabilityAndRefusedClearlyWithoutIt() throws Exception {
        final SchedulingPolicy asked = SchedulingPolicy.fifo(2);
        final Object outcome = onFreshThread(() -> {
            try {
                NativeThread.setSchedulingPolicy(asked);
                return NativeThread.currentSchedulingPolicy();
            } catch (final NativeCallException e) {
                return e;
            }
        });
        if (KernelFacts.mayUseRealTime(asked.priority())) {
            assertThat(outcome).isEqualTo(asked);
        } else {
            assertThat(outcome).isInstanceOf(NativeCallException.class);
            assertThat(((NativeCallException) outcome).errno()).isEqualTo(1);
            assertThat(((NativeCallException) outcome).getMessage())
                    .contains("sched_setattr(fifo/2)", "needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 2");
        }
        assertThat(NativeThread.currentSchedulingPolicy().kind())
                .as("the test runner's thread is untouched")
                .isEqualTo(SchedulingPolicy.Kind.FAIR);
    }

    static int niceOf(final int tid) throws Exception {
        final String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}

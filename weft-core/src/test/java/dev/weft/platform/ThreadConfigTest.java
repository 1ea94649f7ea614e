package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadConfigTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void startedThreadIsPlacedBeforeItsBodyRuns() throws Exception {
        final CpuSet target = CpuSet.of(NativeThread.currentThreadAffinity().last());
        final ThreadConfig spec = ThreadConfig.builder("weft-test-pinned")
                .affinity(target)
                .nice(3)
                .timerSlackNanos(1)
                .daemon(true)
                .stackSize(512 * 1024)
                .build();
        final CompletableFuture<String> seen = new CompletableFuture<>();
        final ThreadConfig.Started started =
                spec.start(() -> seen.complete(Thread.currentThread().getName() + " cpu=" + NativeThread.currentCpu()
                        + " affinity=" + NativeThread.currentThreadAffinity().toList()
                        + " slack=" + NativeThread.timerSlack()));
        assertThat(started.placement().pinnedTo()).contains(target);
        assertThat(started.placement().isComplete()).isTrue();
        assertThat(started.thread().isDaemon()).isTrue();
        assertThat(seen.get(30, TimeUnit.SECONDS))
                .isEqualTo("weft-test-pinned cpu=" + target.first() + " affinity=" + target.toList() + " slack=1");
        started.thread().join();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aRefusedPlacementFailsTheStartAndSkipsTheBody() {
        final AtomicBoolean ran = new AtomicBoolean();
        final ThreadConfig spec = ThreadConfig.builder("weft-test-nowhere")
                .affinity(CpuSet.of(4000))
                .build();
        assertThatThrownBy(() -> spec.start(() -> ran.set(true)))
                .isInstanceOf(ThreadPlacementException.class)
                .hasMessageContaining("thread 'weft-test-nowhere' could not be placed")
                .hasMessageContaining("errno 22")
                .hasCauseInstanceOf(NativeCallException.class);
        assertThat(ran).isFalse();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aStartedThreadRunsInItsSchedulingClass() throws Exception {
        final SchedulingPolicy policy =
                KernelFacts.mayUseRealTime(3) ? SchedulingPolicy.fifo(3) : SchedulingPolicy.fair(Duration.ofMillis(2));
        final CompletableFuture<SchedulingPolicy> seen = new CompletableFuture<>();
        final ThreadConfig.Started started = ThreadConfig.builder("weft-test-class")
                .scheduling(policy)
                .build()
                .start(() -> seen.complete(NativeThread.currentSchedulingPolicy()));
        assertThat(started.placement().isComplete()).isTrue();
        if (policy.isRealtime() || KernelFacts.kernelAtLeast(6, 12)) {
            assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo(policy);
        } else {
            assertThat(seen.get(30, TimeUnit.SECONDS).kind()).isEqualTo(SchedulingPolicy.Kind.FAIR);
        }
        started.thread().join();
    }

    @Test
    void aSpecWithoutPlacementRunsAnywhere() throws Exception {
        final CompletableFuture<String> name = new CompletableFuture<>();
        final ThreadConfig.Started started = ThreadConfig.builder("weft-test-plain")
                .daemon(false)
                .build()
                .start(() -> name.complete(Thread.currentThread().getName()));
        assertThat(name.get(30, TimeUnit.SECONDS)).isEqualTo("weft-test-plain");
        assertThat(started.placement().pinnedTo()).isEmpty();
        assertThat(started.placement().notApplied()).isEmpty();
        assertThat(started.thread().isDaemon()).isFalse();
        started.thread().join();
    }

    @Test
    void copiesKeepEverySetting() {
        final ThreadConfig spec = ThreadConfig.builder("a")
                .affinity(CpuSet.of(1))
                .nice(-2)
                .scheduling(SchedulingPolicy.roundRobin(4))
                .timerSlackNanos(50)
                .stackSize(4096)
                .daemon(false)
                .build();
        final ThreadConfig copy = spec.withName("b");
        assertThat(copy.name()).isEqualTo("b");
        assertThat(copy.affinity()).contains(CpuSet.of(1));
        assertThat(copy.nice()).hasValue(-2);
        assertThat(copy.scheduling()).contains(SchedulingPolicy.roundRobin(4));
        assertThat(copy.timerSlackNanos()).hasValue(50);
        assertThat(copy.stackSize()).isEqualTo(4096);
        assertThat(copy.isDaemon()).isFalse();
        assertThat(copy)
                .hasToString("ThreadConfig{name=b, affinity=1, nice=-2, scheduling=rr/4, timerSlack=50ns, "
                        + "stackSize=4096, daemon=false}");
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertThatThrownBy(() -> ThreadConfig.builder(" ")).hasMessageContaining("thread name must not be blank");
        assertThatThrownBy(() -> ThreadConfig.builder("r").affinity(CpuSet.empty()))
                .hasMessageContaining("thread 'r' cannot be pinned to an empty CPU set");
        assertThatThrownBy(() -> ThreadConfig.builder("r").nice(-21)).hasMessageContaining("nice value -21");
        assertThatThrownBy(() -> ThreadConfig.builder("r").stackSize(-1)).hasMessageContaining("stack size -1");
        assertThatThrownBy(() -> ThreadConfig.builder("r").timerSlackNanos(0)).hasMessageContaining("below 1 ns");
    }
}

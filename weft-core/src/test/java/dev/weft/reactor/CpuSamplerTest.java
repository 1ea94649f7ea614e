package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {

    private ReactorGroup group;

    @AfterEach
    void stop() {
        if (group != null) {
            group.close();
        }
    }

    private static long burn(final long iterations) {
        long spin = 1;
        for (long i = 0; i < iterations; i++) {
            spin = spin * 31 + i;
        }
        return spin;
    }

    @Test
    void samplesAtMostOncePerPeriodAndBeforeLongSleepsAtMostOncePerGap() {
        final CpuSampler sampler = new CpuSampler();
        assertThat(sampler.last().atNanos()).as("nothing sampled yet").isZero();
        final long t0 = 1_000_000_000L;
        sampler.sample(t0);
        assertThat(sampler.last().atNanos()).isEqualTo(t0);
        sampler.atPassEnd(t0 + CpuSampler.PERIOD_NANOS - 1);
        assertThat(sampler.last().atNanos()).as("within the period").isEqualTo(t0);
        sampler.atPassEnd(t0 + CpuSampler.PERIOD_NANOS);
        assertThat(sampler.last().atNanos()).isEqualTo(t0 + CpuSampler.PERIOD_NANOS);
        final long t1 = t0 + CpuSampler.PERIOD_NANOS;
        sampler.beforeLongSleep(t1 + CpuSampler.MIN_GAP_NANOS - 1);
        assertThat(sampler.last().atNanos()).as("within the gap").isEqualTo(t1);
        sampler.beforeLongSleep(t1 + CpuSampler.MIN_GAP_NANOS);
        assertThat(sampler.last().atNanos()).isEqualTo(t1 + CpuSampler.MIN_GAP_NANOS);
        assertThat(sampler.isLong(-1)).as("no deadline").isTrue();
        assertThat(sampler.isLong(CpuSampler.PERIOD_NANOS)).isFalse();
        assertThat(sampler.isLong(CpuSampler.PERIOD_NANOS + 1)).isTrue();
    }

    @Test
    void nativeAndJdkClocksBothGrowWithWork() {
        for (final boolean useNative : new boolean[] {true, false}) {
            final CpuSampler sampler = new CpuSampler(useNative);
            sampler.sample(1);
            final CpuSampler.Sample first = sampler.last();
            final long before = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long spin = 0;
            while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - before < 30_000_000L) {
                spin += burn(100_000);
            }
            sampler.sample(2);
            final CpuSampler.Sample second = sampler.last();
            assertThat(second.atNanos()).isEqualTo(2);
            if (first.userNanos() < 0) {
                continue;
            }
            assertThat(second.userNanos() + second.systemNanos())
                    .as("clock %s after 30 ms of work (%d)", useNative ? "native" : "JDK", spin)
                    .isGreaterThan(first.userNanos() + first.systemNanos());
            assertThat(second.systemNanos()).isNotNegative();
        }
    }

    @Test
    void aSleepingReactorReportsTheCpuItUsedBeforeItSlept() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, new RecordingListener());
        final Reactor reactor = group.reactor(0);
        final CompletableFuture<Long> burnt = new CompletableFuture<>();
        reactor.execute(() -> {
            final long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long spin = 0;
            while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start < 50_000_000L) {
                spin += burn(100_000);
            }
            burnt.complete(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + (spin & 0));
        });
        final long cpuAfterBurn = burnt.get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(reactor::isSleeping);
        final ReactorStats stats = reactor.stats();
        if (stats.userCpuNanos() < 0) {
            return;
        }
        assertThat(stats.userCpuNanos() + stats.systemCpuNanos())
                .as("the sample taken at the pass end or before the sleep covers the burn")
                .isGreaterThanOrEqualTo(cpuAfterBurn - 1_000_000L);
        assertThat(stats.cpuSampledNanos()).isPositive().isLessThanOrEqualTo(System.nanoTime());
    }
}

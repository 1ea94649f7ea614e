package dev.weft.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.Test;

/** ForkJoinPool workers made by the factory carry the stack size asked for. */
class SizedStackThreadsTest {

    /** Deep enough to overflow the JVM's default stack of 1 MiB or so, not a 256 MiB one. */
    private static final int DEEP = 400_000;

    private static long recurse(final int depth, final long carry) {
        return depth == 0 ? carry : recurse(depth - 1, carry + depth) + 1;
    }

    @Test
    void workersSurviveARecursionTheDefaultStackCannotHold() throws Exception {
        assertThat(SizedStackThreads.isSupported())
                .as("the tests run with java.lang opened")
                .isTrue();
        final SizedStackThreads factory = SizedStackThreads.of(256L << 20);
        assertThat(factory.stackSize()).isEqualTo(256L << 20);
        try (ForkJoinPool pool = new ForkJoinPool(1, factory, null, false)) {
            final long result = pool.submit(() -> recurse(DEEP, 0)).get();
            assertThat(result).isEqualTo((long) DEEP * (DEEP + 1) / 2 + DEEP);
            assertThat(pool.submit(() -> Thread.currentThread()).get()).isInstanceOf(ForkJoinWorkerThread.class);
        }
    }

    @Test
    void theDefaultSizeLeavesWorkersAsTheJvmMakesThem() throws Exception {
        try (ForkJoinPool pool = new ForkJoinPool(1, SizedStackThreads.of(0), null, false)) {
            assertThat(pool.submit(() -> 42).get()).isEqualTo(42);
        }
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> SizedStackThreads.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}

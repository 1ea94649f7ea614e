package dev.weft.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.MicroSchedulerConfig;
import dev.weft.fork.WorkerPool;
import dev.weft.fork.WorkerPoolConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolMetricsTest {

    private final WorkerPool pool =
            WorkerPool.start(WorkerPoolConfig.builder("metrics-pool", 3).build());
    private final MicroScheduler scheduler = MicroScheduler.start(
            MicroSchedulerConfig.builder(pool).name("metrics-scheduler").build());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        pool.close();
        registry.close();
    }

    /** The counters a worker publishes after each task reach the registry. */
    @Test
    void everyWorkerHasTasksStealsQueuedAndParks() throws Exception {
        WorkerPoolMetrics.of(pool).bindTo(registry);
        for (int i = 0; i < 100; i++) {
            scheduler.submit(() -> 1).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry
                                .get("weft.worker.tasks")
                                .tags("pool", "metrics-pool", "scheduler", "metrics-scheduler")
                                .functionCounters()
                                .stream()
                                .mapToDouble(FunctionCounter::count)
                                .sum()
                        >= 100);
        assertThat(registry.get("weft.worker.steals").functionCounters()).hasSize(3);
        assertThat(registry.get("weft.worker.queued").gauges()).hasSize(3);
        assertThat(registry.get("weft.worker.parks")
                        .tag("worker", "1")
                        .functionCounter()
                        .count())
                .isNotNegative();
        assertThat(registry.get("weft.pool.sleeping").gauge().value()).isBetween(0.0, 3.0);
    }
}

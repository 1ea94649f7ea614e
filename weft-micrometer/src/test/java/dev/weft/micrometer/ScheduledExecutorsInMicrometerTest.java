package dev.weft.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.fork.ForkExecutorService;
import dev.weft.reactor.ReactorExecutorService;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both of weft's executors go wherever Micrometer expects a {@link ScheduledExecutorService}. */
class ScheduledExecutorsInMicrometerTest {

    @Test
    void micrometersExecutorMetricsTimeWeftsScheduledTasks() throws Exception {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        for (final ScheduledExecutorService executor :
                List.of(new ReactorExecutorService(1), new ForkExecutorService(1))) {
            final String name = executor.getClass().getSimpleName();
            final ScheduledExecutorService monitored = ExecutorServiceMetrics.monitor(registry, executor, name);
            try {
                assertThat(monitored
                                .schedule(() -> 42, 1, TimeUnit.MILLISECONDS)
                                .get(10, TimeUnit.SECONDS))
                        .isEqualTo(42);
                assertThat(monitored.submit(() -> 7).get(10, TimeUnit.SECONDS)).isEqualTo(7);
                assertThat(registry.get("executor").tag("name", name).timer().count())
                        .isEqualTo(2);
                assertThat(registry.get("executor.scheduled.once")
                                .tag("name", name)
                                .counter()
                                .count())
                        .isEqualTo(1);
            } finally {
                monitored.shutdownNow();
                assertThat(monitored.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        registry.close();
    }
}

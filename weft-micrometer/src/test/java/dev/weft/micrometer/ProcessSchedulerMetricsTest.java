package dev.weft.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.process.Outcome;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessTask;
import dev.weft.process.TaskFunction;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProcessSchedulerMetricsTest {

    /** Runs past its timeout: sleeps the given milliseconds. */
    public static final class Sleeper implements TaskFunction {
        @Override
        public JsonNode apply(final JsonNode input) throws Exception {
            Thread.sleep(input.path("ms").asLong());
            return input;
        }
    }

    @Test
    void queueOutcomesAndKillLatenessReachTheRegistry() throws Exception {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final List<Outcome> seen = new CopyOnWriteArrayList<>();
        final ProcessSchedulerMetrics[] metrics = new ProcessSchedulerMetrics[1];
        final ProcessScheduler scheduler = ProcessScheduler.builder()
                .workers(0)
                .fallbackHandler(outcome -> metrics[0].recording(seen::add).onOutcome(outcome))
                .build();
        metrics[0] = ProcessSchedulerMetrics.of(scheduler, "inline");
        metrics[0].bindTo(registry);
        scheduler.start();
        try {
            scheduler.submit(ProcessTask.function("sleep", Sleeper.class)
                    .input("{\"ms\":1}")
                    .build());
            scheduler.submit(ProcessTask.function("sleep", Sleeper.class)
                    .input("{\"ms\":60}")
                    .timeoutMillis(10)
                    .build());
            assertThat(registry.get("weft.process.queued")
                            .tag("scheduler", "inline")
                            .gauge()
                            .value())
                    .isGreaterThanOrEqualTo(0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                scheduler.run();
                scheduler.awaitWork(Duration.ofMillis(10));
            }
        } finally {
            scheduler.stop();
        }
        assertThat(seen).hasSize(2);
        assertThat(registry.get("weft.process.outcomes")
                        .tag("outcome", "ok")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("weft.process.outcomes")
                        .tag("outcome", "timed_out")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("weft.process.outcomes").functionCounters()).hasSize(7);
        final Timer lateness = registry.get("weft.process.kill.lateness")
                .tag("scheduler", "inline")
                .timer();
        assertThat(lateness.count()).isEqualTo(1);
        assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isPositive();
        assertThat(registry.get("weft.process.running").gauge().value()).isZero();
        assertThat(registry.get("weft.process.worker.crashes").functionCounter().count())
                .isZero();
    }
}

package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-tasklet times are sampled by default and exact on request; counts and strand times are exact either way. */
class TaskletTimingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void sampledByDefaultWithExactCountsAndStrandTimes() throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("timing")
                .reactors(1)
                .mode(ReactorMode.POLL)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            assertThat(group.reactor(0).taskletTiming()).isEqualTo(TaskletTiming.SAMPLED);
            final Strand strand = Strand.of("counted");
            group.add(strand).get(10, TimeUnit.SECONDS);
            final AtomicLong polls = new AtomicLong();
            final Tasklet tasklet = Tasklet.of("busy", () -> (int) (polls.incrementAndGet() & 1));
            strand.add(tasklet).get(10, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> polls.get() > 10L * TaskletDispatch.SAMPLE_EVERY);
            final CompletableFuture<long[]> between = new CompletableFuture<>();
            strand.execute(() -> between.complete(new long[] {
                polls.get(), tasklet.stats().runs(), tasklet.stats().busyRuns()
            }));
            final long[] seen = between.get(10, TimeUnit.SECONDS);
            assertThat(seen[1]).as("runs are exact").isEqualTo(seen[0]);
            assertThat(seen[2]).as("busy runs are exact: the odd polls").isEqualTo((seen[0] + 1) / 2);
            final TaskletStats stats = tasklet.stats();
            assertThat(stats.timesSampled()).isTrue();
            assertThat(stats.busyNanos() + stats.idleNanos())
                    .as("sampled passes charge their time")
                    .isPositive();
            assertThat(strand.stats().busyNanos())
                    .as("strand time is exact per pass")
                    .isPositive();
            assertThat(strand.stats().idleNanos()).isPositive();
        }
    }

    @Test
    void exactOnRequestTimesEveryPoll() throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("exact")
                .reactors(1)
                .mode(ReactorMode.POLL)
                .taskletTiming(TaskletTiming.EXACT)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final Strand strand = Strand.of("timed");
            group.add(strand).get(10, TimeUnit.SECONDS);
            final AtomicLong polls = new AtomicLong();
            final Tasklet tasklet = Tasklet.of("spin", () -> {
                polls.incrementAndGet();
                final long start = System.nanoTime();
                while (System.nanoTime() - start < 1_000) {
                    Thread.onSpinWait();
                }
                return 1;
            });
            strand.add(tasklet).get(10, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> polls.get() > 100);
            final CompletableFuture<TaskletStats> between = new CompletableFuture<>();
            strand.execute(() -> between.complete(tasklet.stats()));
            final TaskletStats stats = between.get(10, TimeUnit.SECONDS);
            assertThat(stats.timesSampled()).isFalse();
            assertThat(stats.busyNanos())
                    .as("each of %d polls spun 1 µs", stats.runs())
                    .isGreaterThanOrEqualTo(stats.runs() * 1_000);
            group.reactor(0).taskletTiming(TaskletTiming.SAMPLED);
            await().atMost(PATIENCE).until(() -> tasklet.stats().timesSampled());
        }
    }
}

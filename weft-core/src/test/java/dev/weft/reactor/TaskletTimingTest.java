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

    /** What one reading of the injected clock advances it by. */
    private static final long STEP = 1_000;

    /** Polls recorded by {@link Recording}; the first few, around the tasklet's arrival, are not compared. */
    private static final int POLLS = 400;

    private static final int SETTLED = 4;

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

    @Test
    void exactTimingChargesEveryPollItsClockTimeAndEveryPassToTheStrand() throws Exception {
        final Recording recording = record(TaskletTiming.EXACT);
        for (int j = SETTLED; j < POLLS - 1; j++) {
            final long busy = recording.result[j] > 0 ? STEP : 0;
            assertThat(recording.strandBusy[j + 1] - recording.strandBusy[j])
                    .as("strand busy time of pass %d", j)
                    .isEqualTo(busy);
            assertThat(recording.strandIdle[j + 1] - recording.strandIdle[j])
                    .as("strand idle time of pass %d", j)
                    .isEqualTo(STEP - busy);
            assertThat(recording.taskletBusy[j + 1] - recording.taskletBusy[j])
                    .as("tasklet busy time of poll %d", j)
                    .isEqualTo(busy);
            assertThat(recording.taskletIdle[j + 1] - recording.taskletIdle[j])
                    .as("tasklet idle time of poll %d", j)
                    .isEqualTo(STEP - busy);
        }
        assertThat(recording.sampled).isFalse();
    }

    @Test
    void sampledTimingTimesOnePassInSampleEveryAndKeepsStrandTimeExact() throws Exception {
        final Recording recording = record(TaskletTiming.SAMPLED);
        int changes = 0;
        for (int j = SETTLED; j < SETTLED + 10 * TaskletDispatch.SAMPLE_EVERY; j++) {
            final long strandBusy = recording.strandBusy[j + 1] - recording.strandBusy[j];
            final long strandIdle = recording.strandIdle[j + 1] - recording.strandIdle[j];
            if (recording.result[j] > 0) {
                assertThat(strandIdle).as("idle time of busy pass %d", j).isZero();
                assertThat(strandBusy).as("busy time of pass %d", j).isIn(STEP, 2 * STEP);
            } else {
                assertThat(strandBusy).as("busy time of idle pass %d", j).isZero();
                assertThat(strandIdle).as("idle time of pass %d", j).isIn(STEP, 2 * STEP);
            }
            final long charged = recording.taskletBusy[j + 1]
                    - recording.taskletBusy[j]
                    + recording.taskletIdle[j + 1]
                    - recording.taskletIdle[j];
            if (charged != 0) {
                changes++;
                assertThat(charged)
                        .as("a sampled poll counts %d times over", TaskletDispatch.SAMPLE_EVERY)
                        .isEqualTo(TaskletDispatch.SAMPLE_EVERY * STEP);
            }
        }
        assertThat(changes)
                .as("sampled passes among %d", 10 * TaskletDispatch.SAMPLE_EVERY)
                .isEqualTo(10);
        assertThat(recording.sampled).isTrue();
    }

    /**
     * Runs one tasklet, busy on every other poll, on a reactor whose clock advances {@link #STEP} per reading, and
     * records in each poll the strand's and the tasklet's counters: everything charged up to the pass before.
     */
    private static Recording record(final TaskletTiming timing) throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("stepped")
                .reactors(1)
                .mode(ReactorMode.POLL)
                .taskletTiming(timing)
                .watchdog(Duration.ZERO)
                .nanoClock(new StepClock())
                .build()
                .start()) {
            final Strand strand = Strand.of("recorded");
            group.add(strand).get(10, TimeUnit.SECONDS);
            final Recording recording = new Recording(strand);
            strand.add(recording.tasklet).get(10, TimeUnit.SECONDS);
            return recording.done.get(30, TimeUnit.SECONDS);
        }
    }

    /** A clock that advances one step per reading, read by one reactor thread. */
    private static final class StepClock implements NanoClock {
        private final AtomicLong now = new AtomicLong(System.nanoTime());

        @Override
        public long nanoTime() {
            return now.addAndGet(STEP);
        }
    }

    /** The counters a tasklet saw at each of its polls; written on the reactor thread, read after {@link #done}. */
    private static final class Recording {
        final long[] strandBusy = new long[POLLS];
        final long[] strandIdle = new long[POLLS];
        final long[] taskletBusy = new long[POLLS];
        final long[] taskletIdle = new long[POLLS];
        final int[] result = new int[POLLS];
        final CompletableFuture<Recording> done = new CompletableFuture<>();
        final Tasklet tasklet;
        boolean sampled;
        private int polls;

        Recording(final Strand strand) {
            this.tasklet = Tasklet.of("recorder", () -> poll(strand));
        }

        private int poll(final Strand strand) {
            if (polls >= POLLS) {
                return 0;
            }
            final StrandStats stats = strand.stats();
            final TaskletStats own = stats.tasklets().getFirst();
            strandBusy[polls] = stats.busyNanos();
            strandIdle[polls] = stats.idleNanos();
            taskletBusy[polls] = own.busyNanos();
            taskletIdle[polls] = own.idleNanos();
            final int work = polls & 1;
            result[polls++] = work;
            if (polls == POLLS) {
                sampled = own.timesSampled();
                done.complete(this);
            }
            return work;
        }
    }
}

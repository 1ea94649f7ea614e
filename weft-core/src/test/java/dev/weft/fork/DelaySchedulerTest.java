package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.concurrent.ScheduledTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-over lead of {@link DelayScheduler}: a task goes to its dispatcher no earlier than its due time minus the
 * lead, so with no lead never before it is due. Each check reads the clock when a task is dispatched, so a late
 * dispatch (a loaded machine) can only make it pass more easily, never fail.
 */
class DelaySchedulerTest {

    private static final int TASKS = 100;

    /** A host that lets every run start and hears nothing else. */
    private static final ScheduledTask.Host HOST = new ScheduledTask.Host() {
        @Override
        public boolean mayRun(final ScheduledTask<?> task) {
            return true;
        }

        @Override
        public void reschedule(final ScheduledTask<?> task) {}

        @Override
        public void ended(final ScheduledTask<?> task) {}
    };

    /** Dispatches tasks due over the next two milliseconds and returns how early (negative) or late each went out. */
    private static List<Long> dispatchLateness(final long leadNanos) throws InterruptedException {
        final ConcurrentHashMap<ScheduledTask<?>, Long> lateness = new ConcurrentHashMap<>();
        final CountDownLatch all = new CountDownLatch(TASKS);
        final DelayScheduler scheduler = new DelayScheduler(
                "delay-scheduler-test",
                task -> {
                    lateness.put(task, System.nanoTime() - task.dueNanos());
                    all.countDown();
                },
                leadNanos);
        try {
            for (int i = 0; i < TASKS; i++) {
                assertThat(scheduler.add(
                                ScheduledTask.of(() -> {}, (i % 10) * 200_000L, 0, TimeUnit.NANOSECONDS, HOST)))
                        .isTrue();
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.stop();
        }
        return new ArrayList<>(lateness.values());
    }

    @Test
    void withNoLeadNoTaskIsHandedOverBeforeItIsDue() throws Exception {
        assertThat(dispatchLateness(0))
                .hasSize(TASKS)
                .allSatisfy(late -> assertThat(late).isNotNegative());
    }

    @Test
    void withALeadNoTaskIsHandedOverEarlierThanTheLeadBeforeItIsDue() throws Exception {
        final long lead = DelayScheduler.DEFAULT_LEAD_NANOS;
        assertThat(dispatchLateness(lead))
                .hasSize(TASKS)
                .allSatisfy(late -> assertThat(late).isGreaterThanOrEqualTo(-lead));
    }

    @Test
    void aChangedLeadAppliesToATaskAlreadyQueued() throws Exception {
        final CountDownLatch dispatched = new CountDownLatch(1);
        final long[] lateness = new long[1];
        final DelayScheduler scheduler = new DelayScheduler(
                "delay-scheduler-test",
                task -> {
                    lateness[0] = System.nanoTime() - task.dueNanos();
                    dispatched.countDown();
                },
                DelayScheduler.MAX_LEAD_NANOS);
        try {
            scheduler.add(ScheduledTask.of(() -> {}, 50, 0, TimeUnit.MILLISECONDS, HOST));
            scheduler.lead(0);
            assertThat(dispatched.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lateness[0]).as("how late the task went out").isNotNegative();
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void anExecutorsLeadIsCheckedAndReadBack() {
        try (ForkExecutorService service = new ForkExecutorService(1)) {
            assertThat(service.delayedTaskLead()).isEqualTo(Duration.ofNanos(DelayScheduler.DEFAULT_LEAD_NANOS));
            service.delayedTaskLead(Duration.ZERO);
            assertThat(service.delayedTaskLead()).isEqualTo(Duration.ZERO);
            assertThatThrownBy(() -> service.delayedTaskLead(Duration.ofMillis(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("delayed-task lead PT0.002S is outside [0, PT0.001S]");
            assertThatThrownBy(() -> service.delayedTaskLead(Duration.ofNanos(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PT-0.000000001S");
            assertThat(service.delayedTaskLead()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void anExecutorWithNoLeadStillRunsEveryDelayedTaskOnOrAfterItsDueTime() throws Exception {
        try (ForkExecutorService service = new ForkExecutorService(2)) {
            service.delayedTaskLead(Duration.ZERO);
            final long[] ranAt = new long[TASKS];
            final List<ScheduledTask<?>> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                final int index = i;
                tasks.add((ScheduledTask<?>) service.schedule(
                        () -> ranAt[index] = System.nanoTime(), (i % 10) * 100_000L, TimeUnit.NANOSECONDS));
            }
            for (int i = 0; i < TASKS; i++) {
                tasks.get(i).get(30, TimeUnit.SECONDS);
                assertThat(ranAt[i] - tasks.get(i).dueNanos())
                        .as("how late task %d ran", i)
                        .isNotNegative();
            }
        }
    }
}

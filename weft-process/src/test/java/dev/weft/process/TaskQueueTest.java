package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Priority order, FIFO within a priority, aging, removal: on synthetic clocks, so no timing is involved. */
class TaskQueueTest {

    private static final long SECOND = 1_000_000_000L;

    private static QueuedTask task(final long id, final int priority, final long queuedAt) {
        return new QueuedTask(
                id,
                ProcessTask.function("t", FaultFunction.class)
                        .priority(priority)
                        .build(),
                null,
                -1,
                queuedAt);
    }

    private static List<Long> drainIds(final TaskQueue queue, final long now) {
        final List<Long> ids = new ArrayList<>();
        QueuedTask next;
        while ((next = queue.poll(now)) != null) {
            ids.add(next.id());
        }
        return ids;
    }

    @Test
    void lowerNumbersRunFirstAndEqualPrioritiesInSubmitOrder() {
        final TaskQueue queue = new TaskQueue(0);
        queue.add(task(1, 5, 0));
        queue.add(task(2, 3, 0));
        queue.add(task(3, 5, 0));
        queue.add(task(4, -1, 0));
        queue.add(task(5, 3, 0));
        assertThat(queue.size()).isEqualTo(5);
        assertThat(drainIds(queue, 100 * SECOND)).containsExactly(4L, 2L, 5L, 1L, 3L);
        assertThat(queue.size()).isZero();
    }

    @Test
    void aWaitingTaskAgesPastFresherHigherPriorities() {
        final TaskQueue queue = new TaskQueue(SECOND);
        queue.add(task(1, 5, 0));
        queue.add(task(2, 3, 3 * SECOND));
        queue.add(task(3, 3, 4 * SECOND));
        final long now = 4 * SECOND;
        assertThat(queue.effectivePriority(task(1, 5, 0), now)).isEqualTo(1);
        assertThat(drainIds(queue, now)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void tiesInEffectivePriorityGoToTheOlderTask() {
        final TaskQueue queue = new TaskQueue(SECOND);
        queue.add(task(1, 4, 0));
        queue.add(task(2, 3, SECOND));
        assertThat(drainIds(queue, SECOND)).containsExactly(1L, 2L);
    }

    @Test
    void withoutAgingALowPriorityWaitsForEveryHigherOne() {
        final TaskQueue queue = new TaskQueue(0);
        queue.add(task(1, 9, 0));
        for (long id = 2; id < 50; id++) {
            queue.add(task(id, 0, 1000 * SECOND));
        }
        assertThat(drainIds(queue, 2000 * SECOND).getLast()).isEqualTo(1L);
    }

    @Test
    void agingBoundsHowLongAnyTaskWaits() {
        final SplittableRandom random = new SplittableRandom(42);
        final TaskQueue queue = new TaskQueue(SECOND);
        long now = 0;
        long id = 0;
        final java.util.Map<Long, QueuedTask> live = new java.util.HashMap<>();
        long worstWait = 0;
        for (int step = 0; step < 20_000; step++) {
            now += SECOND / 10;
            for (int k = 0; k < 2; k++) {
                final QueuedTask added = task(++id, random.nextInt(0, 10), now);
                queue.add(added);
                live.put(added.id(), added);
            }
            for (int k = 0; k < 2; k++) {
                final QueuedTask next = queue.poll(now);
                worstWait = Math.max(worstWait, now - live.remove(next.id()).queuedAtNanos());
            }
        }
        assertThat(worstWait).isLessThanOrEqualTo(12 * SECOND);
    }

    @Test
    void removeTakesATaskOutByIdAndKeepsTheRestInOrder() {
        final TaskQueue queue = new TaskQueue(0);
        queue.add(task(1, 1, 0));
        queue.add(task(2, 2, 0));
        queue.add(task(3, 1, 0));
        assertThat(queue.remove(1).id()).isEqualTo(1L);
        assertThat(queue.remove(2).id()).isEqualTo(2L);
        assertThat(queue.remove(2)).isNull();
        assertThat(drainIds(queue, 0)).containsExactly(3L);
    }
}

package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** A shutdown with work pending on every spawn path: each task ends in exactly one outcome. */
class ShutdownOutcomesTest {

    /** Counts its runs in one slot of a shared array; allocated through the task cache. */
    static final class Counted extends Task {
        AtomicIntegerArray runs;
        int slot;

        @Override
        protected Task execute(final TaskContext context) {
            runs.incrementAndGet(slot);
            return null;
        }
    }

    private static final TaskKind<Counted> COUNTED = TaskKind.of(Counted.class, Counted::new);

    @Test
    void tasksOnTheDequesTheAffinityQueuesAndTheSharedQueueEachEndOnce() throws Exception {
        final WorkerPool pool = WorkerPool.start(3);
        final MicroScheduler scheduler = MicroScheduler.start(pool);
        final CountDownLatch blocking = new CountDownLatch(2);
        final CountDownLatch release = new CountDownLatch(1);
        for (int worker = 1; worker <= 2; worker++) {
            final Task blocker = TestTasks.of("blocker " + worker, c -> {
                blocking.countDown();
                try {
                    release.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            blocker.setAffinity(worker);
            scheduler.spawnTask(blocker);
        }
        assertThat(blocking.await(30, TimeUnit.SECONDS)).isTrue();

        final int perPath = 40;
        final AtomicIntegerArray runs = new AtomicIntegerArray(3 * perPath);
        final List<Task> tasks = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < perPath; i++) {
            final Counted onDeque = scheduler.allocateTask(COUNTED);
            onDeque.runs = runs;
            onDeque.slot = i;
            tasks.add(onDeque);
            scheduler.spawnTask(onDeque);
            final Counted pinned = scheduler.allocateTask(COUNTED);
            pinned.runs = runs;
            pinned.slot = perPath + i;
            pinned.setAffinity(1 + i % 2);
            tasks.add(pinned);
            scheduler.spawnTask(pinned);
        }
        CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perPath; i++) {
                        final Counted shared = scheduler.allocateTask(COUNTED);
                        shared.runs = runs;
                        shared.slot = 2 * perPath + i;
                        tasks.add(shared);
                        scheduler.spawnTask(shared);
                    }
                })
                .join();
        assertThat(scheduler.hasTasks()).isTrue();

        final CompletableFuture<List<Task>> shutdown = CompletableFuture.supplyAsync(scheduler::shutdown);
        await().atMost(Duration.ofSeconds(30)).until(() -> !scheduler.isRunning());
        release.countDown();
        final Set<Task> cancelled = Collections.newSetFromMap(new IdentityHashMap<>());
        cancelled.addAll(shutdown.get(30, TimeUnit.SECONDS));
        int ran = 0;
        for (final Task task : tasks) {
            final int slot = ((Counted) task).slot;
            assertThat(runs.get(slot) + (cancelled.contains(task) ? 1 : 0))
                    .as("outcomes of task %d", slot)
                    .isEqualTo(1);
            ran += runs.get(slot);
        }
        assertThat(tasks).hasSize(3 * perPath);
        assertThat(ran)
                .as("tasks that ran although the workers were blocked until the shutdown")
                .isLessThan(3 * perPath);
        assertThat(scheduler.hasTasks()).isFalse();
        pool.shutdown();
        assertThat(pool.threadsEnded()).isTrue();
    }
}

package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GTS's per-worker user data, typed. */
class WorkerUserDataTest {

    /** A per-worker tally that only its own worker writes. */
    static final class Tally {
        final int worker;
        long count;

        Tally(final int worker) {
            this.worker = worker;
        }
    }

    @Test
    void eachTaskSeesItsOwnWorkersData() {
        final WorkerPoolConfig desc =
                WorkerPoolConfig.builder("tally", 3).userData(Tally::new).build();
        try (WorkerPool pool = WorkerPool.start(desc)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final int tasks = 3_000;
            final boolean[] mismatch = new boolean[1];
            final EmptyTask join = new EmptyTask();
            join.setRef(2 + tasks);
            scheduler.spawnTaskAndWait(TestTasks.of("root", c -> {
                for (int i = 0; i < tasks; i++) {
                    final Task task = TestTasks.of("count", w -> {
                        final Tally tally = w.userData(Tally.class);
                        if (tally.worker != w.workerIndex()) {
                            mismatch[0] = true;
                        }
                        tally.count++;
                    });
                    join.addChildTaskWithoutRef(task);
                    c.spawn(task);
                }
                c.waitFor(join);
            }));
            assertThat(mismatch[0]).isFalse();
            long total = 0;
            for (int i = 0; i < 3; i++) {
                final Tally tally = pool.userData(i, Tally.class);
                assertThat(tally.worker).isEqualTo(i);
                total += tally.count;
            }
            assertThat(total).isEqualTo(tasks);
        }
    }

    @Test
    void missingDataIsNullAndWrongTypesOrIndicesAreNamed() {
        final WorkerPoolConfig desc =
                WorkerPoolConfig.builder("typed", 2).userData(1, "text").build();
        try (WorkerPool pool = WorkerPool.start(desc)) {
            assertThat(pool.userData(0, String.class)).isNull();
            assertThat(pool.userData(1, CharSequence.class)).isEqualTo("text");
            assertThatThrownBy(() -> pool.userData(1, Integer.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.String")
                    .hasMessageContaining("java.lang.Integer");
            assertThatThrownBy(() -> pool.userData(2, String.class)).hasMessageContaining("worker index 2");
        }
        assertThatThrownBy(() -> WorkerPoolConfig.builder("typed", 2).userData(5, "x"))
                .hasMessageContaining("worker index 5");
        final WorkerPoolConfig two = WorkerPoolConfig.builder("two", 2).build();
        final List<Object> oneElement = Arrays.asList(new Object[1]);
        assertThatThrownBy(() -> new WorkerPoolConfig(
                        "two", two.workerSpecs(), two.visitor(), two.uncaughtTaskHandler(), 512, 0, 16, oneElement))
                .hasMessageContaining("2 workers but 1 user data");
    }
}

package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerPoolBasicsTest {

    @Test
    void fibWithContinuationsFromTheMaster() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            for (int n = 0; n <= 22; n++) {
                assertThat(FibTasks.fibContinuations(scheduler, n))
                        .as("fib(%d)", n)
                        .isEqualTo(FibTasks.fibSequential(n));
            }
        }
    }

    @Test
    void workerStatsCountEveryExecution() {
        try (WorkerPool pool = WorkerPool.start(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            assertThat(FibTasks.fibContinuations(scheduler, 20)).isEqualTo(6765);
            final long calls = 2 * 10946 - 1;
            final long sums = 10946 - 1;
            assertThat(scheduler.workerStats()).hasSize(2);
            assertThat(scheduler.workerStats().stream()
                            .mapToLong(WorkerStats::executed)
                            .sum())
                    .isEqualTo(calls + sums);
            assertThat(scheduler.workerStats().get(0).localSchedulerId().localId())
                    .isZero();
            assertThat(scheduler.workerStats()).allMatch(s -> s.queued() == 0 && s.stolen() >= 0);
            assertThat(scheduler.workerStats().get(0).sleeps()).isZero();
        }
    }

    @Test
    void fibForkJoinFromAnOutsideThread() throws Exception {
        try (WorkerPool pool = WorkerPool.start(3)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] result = new long[1];
            final Thread outside = new Thread(() -> result[0] = scheduler.invoke(c -> FibTasks.fibForkJoin(c, 24)));
            outside.start();
            outside.join();
            assertThat(result[0]).isEqualTo(46368);
        }
    }
}

package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-worker task cache: reuse, its bound, its switch, its safety rules, and fib through it. */
class TaskCacheTest {

    private static final int GTS = WorkerPoolConfig.GTS_CACHABLE_TASK_SIZE;

    /** Adds its value to a cell. */
    static final class Leaf extends Task {
        int value;
        long[] sink;

        @Override
        protected Task execute(final TaskContext context) {
            sink[0] += value;
            return null;
        }
    }

    /** A kind whose size no small cache accepts. */
    static final class Big extends Task {
        long a;
        long b;
        long c;
        long d;

        @Override
        protected Task execute(final TaskContext context) {
            return null;
        }
    }

    private static final TaskKind<Leaf> LEAF = TaskKind.of(Leaf.class, Leaf::new);
    private static final TaskKind<Big> BIG = TaskKind.of(Big.class, Big::new);

    private static Leaf leaf(final TaskContext context, final long[] sink) {
        final Leaf leaf = context.allocateTask(LEAF);
        leaf.value = 1;
        leaf.sink = sink;
        return leaf;
    }

    /** Spawns the tasks as children of a fresh join point and waits for all of them. */
    private static void spawnAndWait(final TaskContext context, final List<? extends Task> tasks) {
        final EmptyTask join = new EmptyTask();
        join.setRef(2 + tasks.size());
        for (final Task task : tasks) {
            join.addChildTaskWithoutRef(task);
            context.spawn(task);
        }
        context.waitFor(join);
    }

    private static WorkerPool caching(final int workers) {
        return WorkerPool.start(WorkerPoolConfig.builder("caching", workers)
                .cachableTaskSize(GTS)
                .build());
    }

    @Test
    void theCacheIsOffByDefault() {
        assertThat(WorkerPoolConfig.builder("default", 1).build().cachableTaskSize())
                .isZero();
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            final Set<Task> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            spawnLeavesOneByOne(scheduler, 10, sink, seen);
            assertThat(sink[0]).isEqualTo(10);
            assertThat(seen).hasSize(10);
            assertThat(pool.taskCacheStats().get(0).reused()).isZero();
        }
    }

    /** Spawns {@code count} leaves one after another, each waited for before the next, recording each task seen. */
    private static void spawnLeavesOneByOne(
            final MicroScheduler scheduler, final int count, final long[] sink, final Set<Task> seen) {
        onMaster(scheduler, c -> {
            for (int i = 0; i < count; i++) {
                final Leaf leaf = leaf(c, sink);
                seen.add(leaf);
                spawnAndWait(c, List.of(leaf));
            }
        });
    }

    private static void onMaster(final MicroScheduler scheduler, final java.util.function.Consumer<TaskContext> body) {
        scheduler.spawnTaskAndWait(TestTasks.of("root", body));
    }

    @Test
    void aFinishedTaskIsHandedOutAgainOnItsWorker() {
        try (WorkerPool pool = caching(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            final Set<Task> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            spawnLeavesOneByOne(scheduler, 100, sink, seen);
            assertThat(sink[0]).isEqualTo(100);
            assertThat(seen).hasSize(1);
            final TaskCacheStats stats = pool.taskCacheStats().get(0);
            assertThat(stats.created()).isEqualTo(1);
            assertThat(stats.reused()).isEqualTo(99);
            assertThat(stats.freed()).isEqualTo(100);
            assertThat(stats.dropped()).isZero();
        }
    }

    @Test
    void eachWorkersCacheIsBoundedPerKind() {
        final WorkerPoolConfig desc = WorkerPoolConfig.builder("bounded", 1)
                .cachableTaskSize(GTS)
                .taskCacheCapacity(4)
                .build();
        try (WorkerPool pool = WorkerPool.start(desc)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            final List<Leaf> first = new ArrayList<>();
            final List<Leaf> second = new ArrayList<>();
            onMaster(scheduler, c -> {
                for (int i = 0; i < 20; i++) {
                    first.add(leaf(c, sink));
                }
                spawnAndWait(c, first);
                for (int i = 0; i < 20; i++) {
                    second.add(leaf(c, sink));
                }
                spawnAndWait(c, second);
            });
            assertThat(sink[0]).isEqualTo(40);
            final Set<Task> firstSet = Collections.newSetFromMap(new IdentityHashMap<>());
            firstSet.addAll(first);
            assertThat(second.stream().filter(firstSet::contains).count()).isEqualTo(4);
            final TaskCacheStats stats = pool.taskCacheStats().get(0);
            assertThat(stats.reused()).isEqualTo(4);
            assertThat(stats.created()).isEqualTo(36);
            assertThat(stats.dropped()).isEqualTo(16 + 16);
        }
    }

    @Test
    void aSizeOfZeroTurnsTheCacheOffAndBigKindsAreNeverCached() {
        final WorkerPoolConfig off =
                WorkerPoolConfig.builder("off", 1).cachableTaskSize(0).build();
        try (WorkerPool pool = WorkerPool.start(off)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            final Set<Task> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            spawnLeavesOneByOne(scheduler, 10, sink, seen);
            assertThat(seen).hasSize(10);
            assertThat(pool.taskCacheStats().get(0))
                    .isEqualTo(new TaskCacheStats(pool.workerIds().get(0), 0, 0, 0, 0));
        }
        assertThat(BIG.estimatedSize()).isGreaterThan(LEAF.estimatedSize());
        final WorkerPoolConfig small = WorkerPoolConfig.builder("small", 1)
                .cachableTaskSize(LEAF.estimatedSize())
                .build();
        try (WorkerPool pool = WorkerPool.start(small)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final Set<Task> big = Collections.newSetFromMap(new IdentityHashMap<>());
            final Set<Task> fitting = Collections.newSetFromMap(new IdentityHashMap<>());
            final long[] sink = new long[1];
            onMaster(scheduler, c -> {
                for (int i = 0; i < 5; i++) {
                    final Big task = c.allocateTask(BIG);
                    big.add(task);
                    spawnAndWait(c, List.of(task));
                    final Leaf leaf = leaf(c, sink);
                    fitting.add(leaf);
                    spawnAndWait(c, List.of(leaf));
                }
            });
            assertThat(big).hasSize(5);
            assertThat(fitting).hasSize(1);
        }
    }

    @Test
    void aTaskStillReferencedIsNeverReused() {
        try (WorkerPool pool = caching(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            final Task[] taken = new Task[4];
            onMaster(scheduler, c -> {
                final Leaf held = leaf(c, sink);
                held.addRef(1);
                spawnAndWait(c, List.of(held));
                taken[0] = held;
                taken[1] = leaf(c, sink);
                final Leaf released = (Leaf) taken[1];
                spawnAndWait(c, List.of(released));
                taken[2] = leaf(c, sink);
                taken[3] = leaf(c, sink);
            });
            assertThat(taken[0].refCount()).isEqualTo(2);
            assertThat(taken[1]).isNotSameAs(taken[0]);
            assertThat(taken[2]).as("the released task is reused").isSameAs(taken[1]);
            assertThat(taken[3]).isNotSameAs(taken[0]).isNotSameAs(taken[1]);
            assertThat(pool.taskCacheStats().get(0).dropped()).isEqualTo(1);
        }
    }

    @Test
    void aReusedTaskComesBackWithoutTheNameOrFailureOfItsLastUse() {
        try (WorkerPool pool = caching(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            final Task[] taken = new Task[2];
            final Throwable[] caught = new Throwable[1];
            onMaster(scheduler, c -> {
                final Leaf parent = leaf(c, sink);
                parent.setName("first use");
                parent.setRef(2);
                final Task failing = TestTasks.of("failing", inner -> {
                    throw new IllegalStateException("child failed");
                });
                parent.addChildTaskWithoutRef(failing);
                taken[0] = parent;
                try {
                    final EmptyTask join = new EmptyTask();
                    join.setRef(3);
                    join.addChildTaskWithoutRef(parent);
                    c.spawn(failing);
                    c.waitFor(join);
                } catch (final TaskFailedException e) {
                    caught[0] = e.getCause();
                }
                taken[1] = leaf(c, sink);
            });
            assertThat(caught[0]).hasMessage("child failed");
            assertThat(sink[0]).as("the parent whose child failed never ran").isZero();
            assertThat(taken[1]).as("the failed parent is reused").isSameAs(taken[0]);
            assertThat(taken[1].name()).isEqualTo(Leaf.class.getName());
            assertThat(taken[1].failure()).isNull();
            assertThat(taken[1].refCount()).isEqualTo(1);
        }
    }

    @Test
    void aTaskFinishedOnAnotherWorkerIsDropped() {
        try (WorkerPool pool = caching(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            final Task[] taken = new Task[2];
            onMaster(scheduler, c -> {
                final Leaf leaf = leaf(c, sink);
                leaf.setAffinity(1);
                taken[0] = leaf;
                spawnAndWait(c, List.of(leaf));
                taken[1] = leaf(c, sink);
            });
            assertThat(sink[0]).isEqualTo(1);
            assertThat(taken[1]).isNotSameAs(taken[0]);
            final TaskCacheStats master = pool.taskCacheStats().get(0);
            final TaskCacheStats worker = pool.taskCacheStats().get(1);
            assertThat(master.created()).isEqualTo(2);
            assertThat(master.freed()).isZero();
            assertThat(worker.dropped()).isEqualTo(1);
            assertThat(worker.freed()).isZero();
        }
    }

    @Test
    void initialTasksArePreAllocatedAtAKindsFirstUse() {
        final WorkerPoolConfig desc = WorkerPoolConfig.builder("initial", 1)
                .cachableTaskSize(GTS)
                .initialTaskCountPerWorker(8)
                .build();
        try (WorkerPool pool = WorkerPool.start(desc)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] sink = new long[1];
            onMaster(scheduler, c -> spawnAndWait(c, List.of(leaf(c, sink))));
            final TaskCacheStats stats = pool.taskCacheStats().get(0);
            assertThat(stats.created()).isEqualTo(8);
            assertThat(stats.reused()).isEqualTo(1);
        }
    }

    @Test
    void fibThroughTheCacheIsExactOnTwoWorkersAndReusesTasks() {
        try (WorkerPool pool = caching(2)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            for (int round = 0; round < 3; round++) {
                for (int n = 0; n <= 22; n++) {
                    assertThat(FibTasks.fibCached(scheduler, n))
                            .as("fib(%d)", n)
                            .isEqualTo(FibTasks.fibSequential(n));
                }
            }
            final long reused = pool.taskCacheStats().stream()
                    .mapToLong(TaskCacheStats::reused)
                    .sum();
            final long created = pool.taskCacheStats().stream()
                    .mapToLong(TaskCacheStats::created)
                    .sum();
            assertThat(reused).isGreaterThan(10 * created);
        }
    }

    @Test
    void badSettingsAndKindsAreNamed() {
        assertThatThrownBy(() ->
                        WorkerPoolConfig.builder("p", 1).cachableTaskSize(-1).build())
                .hasMessageContaining("cachableTaskSize")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> WorkerPoolConfig.builder("p", 1)
                        .taskCacheCapacity(2)
                        .initialTaskCountPerWorker(3)
                        .build())
                .hasMessageContaining("initialTaskCountPerWorker")
                .hasMessageContaining("3");
        assertThatThrownBy(() -> TaskKind.of(Task.class, () -> null)).hasMessageContaining("abstract");
        final TaskKind<Leaf> wrong = TaskKind.of(Leaf.class, () -> null);
        try (WorkerPool pool = caching(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            assertThatThrownBy(() -> scheduler.allocateTask(wrong))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("returned null");
        }
    }
}

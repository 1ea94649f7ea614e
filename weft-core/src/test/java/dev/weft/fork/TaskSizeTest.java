package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The sizes that {@link Task}'s layout promises, measured as the bytes the test thread allocates for a batch of
 * tasks kept in an array (so that none is optimised away). The bounds are those of HotSpot with compressed class
 * pointers and a 12-byte header, the default; a smaller header only makes the tasks smaller.
 */
class TaskSizeTest {

    private static final int BATCH = 4096;

    /**
     * Reads the bytes the calling thread has allocated, through HotSpot's extension of {@link ThreadMXBean}, which
     * this module does not read at compile time.
     */
    private static long allocatedBytes() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            final Method method =
                    Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (Long) method.invoke(threads);
        } catch (final ReflectiveOperationException e) {
            throw new AssertionError("this JVM does not count the bytes a thread allocates", e);
        }
    }

    /** A task with one {@code int} of its own, which must fit beside the task's fields. */
    private static final class OneInt extends Task {
        int value;

        @Override
        protected Task execute(final TaskContext context) {
            value++;
            return null;
        }
    }

    private static long bytesEach(final IntFunction<Object> make) {
        final Object[] kept = new Object[BATCH];
        for (int i = 0; i < BATCH; i++) {
            kept[i] = make.apply(i);
        }
        allocatedBytes();
        final long before = allocatedBytes();
        for (int i = 0; i < BATCH; i++) {
            kept[i] = make.apply(i);
        }
        final long after = allocatedBytes();
        assertThat(kept[BATCH - 1]).isNotNull();
        return (after - before) / BATCH;
    }

    @Test
    void aTaskLeavesRoomForOneFieldOfItsSubclassInThirtyTwoBytes() {
        assertThat(bytesEach(i -> new OneInt())).isLessThanOrEqualTo(32);
    }

    @Test
    void aForkedTaskIsAsSmallAsForkJoinPoolsRecursiveTask() {
        final ForkFunction<Long> function = context -> 1L;
        assertThat(bytesEach(i -> new ObjectForkTask<>(function)))
                .as("the task of fork(ForkFunction): the task's fields and one for the function, then the value")
                .isLessThanOrEqualTo(32);
        final LongForkFunction primitive = (context, n) -> n;
        assertThat(bytesEach(i -> new LongForkTask(primitive, i)))
                .as("the task of fork(LongForkFunction, long): the function and one long beside them")
                .isLessThanOrEqualTo(40);
    }

    /**
     * Forks {@link #BATCH} computations, keeping every handle, and returns the bytes allocated per fork; the handles
     * are joined last, bottom first. The worker's deque has grown to hold a batch before the measured one.
     */
    private static <H> long bytesPerFork(final IntFunction<H> fork, final java.util.function.Consumer<H> join) {
        final Object[] kept = new Object[BATCH];
        long perFork = 0;
        for (int round = 0; round < 2; round++) {
            final long before = allocatedBytes();
            for (int i = 0; i < BATCH; i++) {
                kept[i] = fork.apply(i);
            }
            perFork = (allocatedBytes() - before) / BATCH;
            for (int i = BATCH - 1; i >= 0; i--) {
                @SuppressWarnings("unchecked") // every element was made by fork
                final H handle = (H) kept[i];
                join.accept(handle);
            }
        }
        return perFork;
    }

    @Test
    void aForkAllocatesItsTaskAndNoHandleBesideIt() {
        final LongForkFunction primitive = (context, n) -> n;
        final ForkFunction<Long> function = context -> 1L;
        try (WorkerPool pool = WorkerPool.start(1)) {
            final MicroScheduler scheduler = MicroScheduler.start(pool);
            final long[] perFork = scheduler.invoke(context -> {
                allocatedBytes();
                return new long[] {
                    bytesPerFork(i -> context.fork(primitive, i), handle -> handle.join(context)),
                    bytesPerFork(i -> context.fork(function), handle -> handle.join(context))
                };
            });
            assertThat(perFork[0])
                    .as("fork(LongForkFunction, long) allocates its 40-byte task, which is also the handle")
                    .isLessThanOrEqualTo(40);
            assertThat(perFork[1])
                    .as("fork(ForkFunction) allocates its 32-byte task, which is also the handle")
                    .isLessThanOrEqualTo(32);
        }
    }
}

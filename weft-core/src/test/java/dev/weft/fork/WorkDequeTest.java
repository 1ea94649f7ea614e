package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The Chase-Lev deque: LIFO for the owner, FIFO for thieves, and every task taken exactly once under contention. */
class WorkDequeTest {

    private static final class Numbered extends Task {
        final int number;

        Numbered(final int number) {
            this.number = number;
        }

        @Override
        protected Task execute(final TaskContext context) {
            return null;
        }
    }

    @Test
    void theOwnerPopsLifoAndThievesStealFifoAcrossGrowth() {
        final WorkDeque deque = new WorkDeque();
        for (int i = 0; i < 1000; i++) {
            deque.push(new Numbered(i));
        }
        assertThat(deque.size()).isEqualTo(1000);
        assertThat(((Numbered) deque.steal()).number).isEqualTo(0);
        assertThat(((Numbered) deque.pop()).number).isEqualTo(999);
        final Numbered last = new Numbered(1000);
        deque.push(last);
        assertThat(deque.popIf(new Numbered(-1))).isFalse();
        assertThat(deque.popIf(last)).isTrue();
        int expected = 998;
        Task task;
        while ((task = deque.pop()) != null) {
            assertThat(((Numbered) task).number).isEqualTo(expected--);
        }
        assertThat(expected).isZero();
        assertThat(deque.isEmpty()).isTrue();
        assertThat(deque.steal()).isNull();
    }

    @Test
    void aSmallRingGrowsAndKeepsEveryTaskInOrder() {
        final WorkDeque deque = new WorkDeque(2);
        final List<Task> pushed = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            final Task task = new EmptyTask();
            pushed.add(task);
            deque.push(task);
        }
        assertThat(deque.size()).isEqualTo(9);
        assertThat(deque.steal()).isSameAs(pushed.get(0));
        for (int i = 8; i > 0; i--) {
            assertThat(deque.pop()).isSameAs(pushed.get(i));
        }
        assertThat(deque.pop()).isNull();
    }

    @Test
    void aCapacityThatIsNotAPowerOfTwoIsRefused() {
        assertThatThrownBy(() -> new WorkDeque(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3");
        assertThatThrownBy(() -> new WorkDeque(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTaskIsTakenExactlyOnceUnderContention() throws Exception {
        stress(false);
    }

    @Test
    void takingATaskBackByIdentityRacesThievesSafely() throws Exception {
        stress(true);
    }

    /**
     * One owner pushes bursts and takes some back, two thieves steal throughout; every task must be taken exactly
     * once. With {@code byIdentity} the owner takes back its most recently pushed task through
     * {@link WorkDeque#popIf}, as a join does, on every other try, whether or not a thief has taken it meanwhile.
     */
    private static void stress(final boolean byIdentity) throws Exception {
        final int total = 200_000;
        final WorkDeque deque = new WorkDeque();
        final AtomicIntegerArray taken = new AtomicIntegerArray(total);
        final AtomicBoolean ownerDone = new AtomicBoolean();
        final int thieves = 2;
        final CountDownLatch finished = new CountDownLatch(thieves);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < thieves; t++) {
            final Thread thief = new Thread(() -> {
                while (!ownerDone.get() || !deque.isEmpty()) {
                    final Task task = deque.steal();
                    if (task != null) {
                        taken.incrementAndGet(((Numbered) task).number);
                    }
                }
                finished.countDown();
            });
            threads.add(thief);
            thief.start();
        }
        final SplittableRandom random = new SplittableRandom(7);
        final List<Task> pushed = new ArrayList<>();
        int next = 0;
        while (next < total) {
            final int burst = Math.min(total - next, 1 + random.nextInt(64));
            for (int i = 0; i < burst; i++) {
                final Task pushedTask = new Numbered(next++);
                pushed.add(pushedTask);
                deque.push(pushedTask);
            }
            final int pops = random.nextInt(burst + 1);
            for (int i = 0; i < pops; i++) {
                final Task task;
                if (byIdentity && (i & 1) == 0) {
                    final Task candidate = pushed.isEmpty() ? null : pushed.remove(pushed.size() - 1);
                    task = candidate != null && deque.popIf(candidate) ? candidate : null;
                } else {
                    task = deque.pop();
                    if (task != null && !pushed.isEmpty() && pushed.get(pushed.size() - 1) == task) {
                        pushed.remove(pushed.size() - 1);
                    }
                }
                if (task != null) {
                    taken.incrementAndGet(((Numbered) task).number);
                }
            }
        }
        Task task;
        while ((task = deque.pop()) != null) {
            taken.incrementAndGet(((Numbered) task).number);
        }
        ownerDone.set(true);
        assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        for (final Thread thief : threads) {
            thief.join();
        }
        for (int i = 0; i < total; i++) {
            assertThat(taken.get(i)).as("times task %d was taken", i).isEqualTo(1);
        }
    }
}

package dev.weft.fork;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The races of {@link WorkDeque}, the Chase-Lev deque of a fork-join worker: its owner pushes and pops at the bottom
 * while thieves take from the top. In every test each pushed task must be taken exactly once: by the owner, by one
 * thief, or left in the deque for the arbiter to drain. A task taken twice would run twice; a task lost would leave
 * its parent waiting forever. Results name tasks by number (1, 2, 3 in push order) and 0 for nothing taken.
 */
public final class WorkDequeStress {

    private WorkDequeStress() {}

    /** A task that only carries the number the results report. */
    static final class Numbered extends Task {
        final int number;

        Numbered(final int number) {
            this.number = number;
        }

        @Override
        protected Task execute(final TaskContext context) {
            return null;
        }
    }

    static int number(final Task task) {
        return task == null ? 0 : ((Numbered) task).number;
    }

    /** Counts what is left: each remaining task once, through the owner's pops. */
    static int drain(final WorkDeque deque) {
        int left = 0;
        while (deque.pop() != null) {
            left++;
        }
        return left;
    }

    /** The owner pops the last task while a thief steals it: exactly one of them gets it. */
    @JCStressTest
    @Description("Owner pop against thief steal of the only task.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the owner popped the task")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the thief stole the task")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "both took the task: it would run twice")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "nobody took the task: it is lost")
    @State
    public static class PopStealLast {
        private final WorkDeque deque = new WorkDeque();

        public PopStealLast() {
            deque.push(new Numbered(1));
        }

        @Actor
        public void owner(final II_Result r) {
            r.r1 = number(deque.pop());
        }

        @Actor
        public void thief(final II_Result r) {
            r.r2 = number(deque.steal());
        }
    }

    /** The owner's join takes back its own last task while a thief steals it: exactly one of them gets it. */
    @JCStressTest
    @Description("Owner popIf (a join taking its child back) against thief steal of the only task.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the owner took its task back")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the thief stole the task")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "both took the task: it would run twice")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "nobody took the task: it is lost")
    @State
    public static class PopIfStealLast {
        private final Numbered only = new Numbered(1);
        private final WorkDeque deque = new WorkDeque();

        public PopIfStealLast() {
            deque.push(only);
        }

        @Actor
        public void owner(final II_Result r) {
            r.r1 = deque.popIf(only) ? 1 : 0;
        }

        @Actor
        public void thief(final II_Result r) {
            r.r2 = number(deque.steal());
        }
    }

    /**
     * The owner's join takes back the newer of two tasks while a thief steals: the thief may take only the older one,
     * unless it comes after the join and takes the older one anyway; the join's task is never taken twice.
     */
    @JCStressTest
    @Description("Owner popIf of the newer of two tasks against thief steal.")
    @Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "the owner took its task back; the thief the older one")
    @Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "the owner took its task back; the thief missed")
    @Outcome(expect = FORBIDDEN, desc = "a task was taken twice, lost, or the join's task was stolen")
    @State
    public static class PopIfStealOfTwo {
        private final Numbered newer = new Numbered(2);
        private final WorkDeque deque = new WorkDeque();

        public PopIfStealOfTwo() {
            deque.push(new Numbered(1));
            deque.push(newer);
        }

        @Actor
        public void owner(final III_Result r) {
            r.r1 = deque.popIf(newer) ? 2 : 0;
        }

        @Actor
        public void thief(final III_Result r) {
            r.r2 = number(deque.steal());
        }

        @Arbiter
        public void left(final III_Result r) {
            r.r3 = drain(deque);
        }
    }

    /**
     * The owner's join takes back the newer of two tasks while one thief steals twice: the first steal takes the older
     * task, and the second may reach the join's task only if it still sees the old {@code bottom}. This is the race
     * that the fence between lowering {@code bottom} and reading {@code top} closes: without it the owner can read
     * {@code top} before its lowered {@code bottom} is visible, see two tasks, and take its own without a
     * compare-and-set while the thief's second steal takes the same task.
     */
    @JCStressTest
    @Description("Owner popIf of the newer of two tasks against a thief stealing twice.")
    @Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "the owner took its task back; the thief the older one")
    @Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "the thief took both; the join found its task stolen")
    @Outcome(expect = FORBIDDEN, desc = "the join's task was taken twice, or a task was lost")
    @State
    public static class PopIfStealTwiceOfTwo {
        private final Numbered newer = new Numbered(2);
        private final WorkDeque deque = new WorkDeque();

        public PopIfStealTwiceOfTwo() {
            deque.push(new Numbered(1));
            deque.push(newer);
        }

        @Actor
        public void owner(final III_Result r) {
            r.r1 = deque.popIf(newer) ? 2 : 0;
        }

        @Actor
        public void thief(final III_Result r) {
            r.r2 = number(deque.steal());
            r.r3 = number(deque.steal());
        }
    }

    /**
     * The owner's join looks for a task a thief is stealing, the only one: the ring's slot still holds the task after
     * the steal (a steal does not clear it), so the join must tell a stolen task from its own by the counters.
     */
    @JCStressTest
    @Description("Owner popIf against thief steal of the only task, then a second popIf on the stale slot.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the owner took its task back")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the thief stole the task; the stale slot was refused")
    @Outcome(expect = FORBIDDEN, desc = "the task was taken twice or lost")
    @State
    public static class PopIfStaleSlot {
        private final Numbered only = new Numbered(1);
        private final WorkDeque deque = new WorkDeque();

        public PopIfStaleSlot() {
            deque.push(only);
        }

        @Actor
        public void owner(final II_Result r) {
            final boolean first = deque.popIf(only);
            final boolean second = !first && deque.popIf(only);
            r.r1 = (first ? 1 : 0) + (second ? 1 : 0);
        }

        @Actor
        public void thief(final II_Result r) {
            r.r2 = number(deque.steal());
        }
    }

    /** Two thieves and the owner race for the only task: exactly one wins. */
    @JCStressTest
    @Description("Owner pop against two thieves for the only task.")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "the owner popped the task")
    @Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "the first thief stole the task")
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "the second thief stole the task")
    @Outcome(expect = FORBIDDEN, desc = "the task was taken twice or not at all")
    @State
    public static class PopTwoThievesLast {
        private final WorkDeque deque = new WorkDeque();

        public PopTwoThievesLast() {
            deque.push(new Numbered(1));
        }

        @Actor
        public void owner(final III_Result r) {
            r.r1 = number(deque.pop());
        }

        @Actor
        public void thief1(final III_Result r) {
            r.r2 = number(deque.steal());
        }

        @Actor
        public void thief2(final III_Result r) {
            r.r3 = number(deque.steal());
        }
    }

    /**
     * The owner pushes onto an empty deque while a thief steals: the thief sees the task whole or not at all, and
     * what it does not take is still there for the owner.
     */
    @JCStressTest
    @Description("Owner push onto an empty deque against thief steal; the arbiter drains what is left.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the thief stole the pushed task")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the thief came first; the task stayed for the owner")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "the task was taken twice")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "the task was lost")
    @State
    public static class PushSteal {
        private final WorkDeque deque = new WorkDeque();

        @Actor
        public void owner() {
            deque.push(new Numbered(1));
        }

        @Actor
        public void thief(final II_Result r) {
            r.r1 = number(deque.steal());
        }

        @Arbiter
        public void left(final II_Result r) {
            r.r2 = drain(deque);
        }
    }

    /**
     * Two tasks: the owner pops twice (LIFO, newest first) while a thief steals once (FIFO, oldest first). Each task
     * is taken once, the thief only ever gets the oldest, and the owner's two pops come in push-reverse order.
     */
    @JCStressTest
    @Description("Two pops against one steal over two tasks.")
    @Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "the owner popped both; the thief found none")
    @Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "the thief stole the oldest, the owner the newest")
    @Outcome(expect = FORBIDDEN, desc = "a task was taken twice, lost, or taken out of order")
    @State
    public static class PopPopSteal {
        private final WorkDeque deque = new WorkDeque();

        public PopPopSteal() {
            deque.push(new Numbered(1));
            deque.push(new Numbered(2));
        }

        @Actor
        public void owner(final III_Result r) {
            r.r1 = number(deque.pop());
            r.r2 = number(deque.pop());
        }

        @Actor
        public void thief(final III_Result r) {
            r.r3 = number(deque.steal());
        }
    }

    /**
     * The ring grows while a thief steals: the owner pushes the task that doubles a full four-slot ring while a
     * thief takes the oldest task. The thief may read the old ring or the new one; either way every task is taken
     * exactly once, and the thief gets the oldest.
     */
    @JCStressTest
    @Description("A push that grows the ring against a steal; the arbiter drains and counts the rest.")
    @Outcome(id = "1, 3, 4, 0", expect = ACCEPTABLE, desc = "the thief stole task 1; the other 3 were left")
    @Outcome(id = "0, 4, 4, 0", expect = ACCEPTABLE, desc = "the thief found nothing; all 4 were left")
    @Outcome(expect = FORBIDDEN, desc = "a task was taken twice or lost across the growth")
    @State
    public static class GrowSteal {
        private final WorkDeque deque = new WorkDeque(4);

        public GrowSteal() {
            deque.push(new Numbered(1));
            deque.push(new Numbered(2));
            deque.push(new Numbered(3));
        }

        @Actor
        public void owner() {
            deque.push(new Numbered(4));
        }

        @Actor
        public void thief(final IIII_Result r) {
            r.r1 = number(deque.steal());
        }

        @Arbiter
        public void left(final IIII_Result r) {
            int left = 0;
            int newest = 0;
            Task task;
            while ((task = deque.pop()) != null) {
                if (left == 0) {
                    newest = number(task);
                }
                left++;
            }
            r.r2 = left;
            r.r3 = newest;
            r.r4 = deque.steal() == null ? 0 : 1;
        }
    }
}

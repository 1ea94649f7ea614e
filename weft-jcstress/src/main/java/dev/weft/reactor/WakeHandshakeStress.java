package dev.weft.reactor;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The reactor's wake/park handshake ({@link WakeHandshake}): a reactor about to block announces it, looks at its
 * queue once more, and blocks only if it found nothing; a poster writes the queue and then wakes the reactor if it
 * announced. The wake-up must never be lost: either the reactor's last look sees the post, or the poster sees the
 * announcement and takes the reactor from asleep to awake. The reactor here does not really park: the arbiter reads
 * what it would have done. Results: whether the reactor's last look found the post, and the state word at the end
 * (0 awake, 1 parked).
 */
public final class WakeHandshakeStress {

    private WakeHandshakeStress() {}

    /** One poster against a reactor going to sleep. */
    @JCStressTest
    @Description("Reactor announce-check-withdraw against a poster's write-then-wake.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the reactor's last look found the post; it stays awake")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the reactor would block; the poster woke it")
    @Outcome(id = "0, 1", expect = FORBIDDEN, desc = "lost wake-up: the reactor blocks with a post waiting")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "the reactor withdrew but still reads as parked")
    @State
    public static class PostAgainstSleep {
        private final WakeHandshake handshake = new WakeHandshake(null);
        private volatile int queued;
        private int found;

        @Actor
        public void reactor() {
            handshake.announce(WakeHandshake.PARKED);
            if (queued != 0) {
                found = 1;
                handshake.withdraw();
            }
        }

        @Actor
        public void poster() {
            queued = 1;
            handshake.wake();
        }

        @Arbiter
        public void end(final II_Result r) {
            r.r1 = found;
            r.r2 = handshake.isSleeping() ? 1 : 0;
        }
    }

    /**
     * Two posters against a reactor going to sleep: neither post is stranded, and the reactor is woken once at
     * most, since only the poster whose compare-and-set moves it from parked to awake unparks it. Results: what the
     * reactor's last look found (0 nothing, 1 or 2 posts), whether it ends parked, and how many posters woke it.
     */
    @JCStressTest
    @Description("Reactor announce-check-withdraw against two posters; at most one wake-up, none lost.")
    @Outcome(id = "2, 0, 0", expect = ACCEPTABLE, desc = "the last look found both posts")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "the last look found one post, the reactor stays up")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the last look found one post; a poster also woke it")
    @Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "the last look found both; a poster also woke it")
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "the reactor would block; exactly one poster woke it")
    @Outcome(id = "0, 0, 2", expect = FORBIDDEN, desc = "two posters both woke the reactor")
    @Outcome(expect = FORBIDDEN, desc = "a post is stranded behind a parked reactor")
    @State
    public static class TwoPostersAgainstSleep {
        private final WakeHandshake handshake = new WakeHandshake(null);
        private volatile int queued1;
        private volatile int queued2;
        private volatile int wakes;
        private int found;

        @Actor
        public void reactor() {
            handshake.announce(WakeHandshake.PARKED);
            final int seen = queued1 + queued2;
            if (seen != 0) {
                found = seen;
                handshake.withdraw();
            }
        }

        @Actor
        public void poster1() {
            queued1 = 1;
            post();
        }

        @Actor
        public void poster2() {
            queued2 = 1;
            post();
        }

        private void post() {
            if (handshake.wake()) {
                synchronized (this) {
                    wakes++;
                }
            }
        }

        @Arbiter
        public void end(final III_Result r) {
            r.r1 = found;
            r.r2 = handshake.isSleeping() ? 1 : 0;
            r.r3 = wakes;
        }
    }
}

package dev.weft.reactor;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
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
 * The races of {@link Signal}: raises from any thread against the reactor that consumes them and against the
 * registration that binds the signal to its strand. A raise must never be lost (pending with no queue entry to make
 * the reactor look at it), and a burst of raises must cost one queue entry. The strand here is never placed, so no
 * reactor is woken; the arbiter counts the entries on the strand's ready queue as the reactor would find them.
 */
public final class SignalStress {

    private SignalStress() {}

    static Registration register(final Signal signal) {
        final Registration registration = new Registration(Strand.of("stress"), null, 0, signal, registered -> 0, null);
        registration.activate();
        return registration;
    }

    static int drainEntries(final Registration registration) {
        int entries = 0;
        while (registration.strand().mailbox().pollSignal() != null) {
            entries++;
        }
        return entries;
    }

    /** Two raises at once on a bound signal: one queue entry, the signal pending. */
    @JCStressTest
    @Description("Two concurrent raises of a bound signal.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "one queue entry, signal pending")
    @Outcome(id = "2, 1", expect = FORBIDDEN, desc = "a burst of raises queued the signal twice")
    @Outcome(expect = FORBIDDEN, desc = "a raise was lost")
    @State
    public static class BurstOfRaises {
        private final Signal signal = new Signal("burst");
        private final Registration registration = register(signal);

        public BurstOfRaises() {
            signal.bind(registration);
        }

        @Actor
        public void raiser1() {
            signal.raise();
        }

        @Actor
        public void raiser2() {
            signal.raise();
        }

        @Arbiter
        public void end(final II_Result r) {
            r.r1 = drainEntries(registration);
            r.r2 = signal.isPending() ? 1 : 0;
        }
    }

    /**
     * A raise while the reactor takes the signal's entry and consumes it (as the reactor does just before running
     * the handler): the raise is either absorbed by that run or queues the signal again; it never stays pending
     * without an entry. Results: whether the handler ran, entries left, pending at the end.
     */
    @JCStressTest
    @Description("A raise against the reactor's poll-and-consume of the signal's entry.")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "the raise came before the consume; the run covers it")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the raise came after the consume; queued again")
    @Outcome(id = "1, 0, 1", expect = FORBIDDEN, desc = "lost raise: pending, but nothing queued to run it")
    @Outcome(expect = FORBIDDEN, desc = "the handler did not run, or ran for nothing pending")
    @State
    public static class RaiseDuringConsume {
        private final Signal signal = new Signal("consume");
        private final Registration registration = register(signal);
        private int ran;

        public RaiseDuringConsume() {
            signal.bind(registration);
            signal.raise();
        }

        @Actor
        public void reactor() {
            final Registration ready = registration.strand().mailbox().pollSignal();
            if (ready != null && ready.isActive() && ready.signal().consume()) {
                ran = 1;
            }
        }

        @Actor
        public void raiser() {
            signal.raise();
        }

        @Arbiter
        public void end(final III_Result r) {
            r.r1 = ran;
            r.r2 = drainEntries(registration);
            r.r3 = signal.isPending() ? 1 : 0;
        }
    }

    /**
     * A raise against the registration that binds the signal: a signal raised before it is bound stays pending and
     * is queued by the bind; one raised after is queued by the raise. When both see each other the signal is queued
     * twice, which costs one empty look (the second consume finds nothing pending), never a second handler run.
     */
    @JCStressTest
    @Description("A raise against the bind of the signal's registration.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "queued once, by the bind or by the raise")
    @Outcome(id = "2, 1", expect = ACCEPTABLE_INTERESTING, desc = "queued by both; the second look finds nothing")
    @Outcome(id = "0, 1", expect = FORBIDDEN, desc = "lost raise: pending, but never queued")
    @Outcome(expect = FORBIDDEN, desc = "the raise vanished")
    @State
    public static class RaiseAgainstBind {
        private final Signal signal = new Signal("bind");
        private final Registration registration = register(signal);

        @Actor
        public void binder() {
            signal.bind(registration);
        }

        @Actor
        public void raiser() {
            signal.raise();
        }

        @Arbiter
        public void end(final II_Result r) {
            r.r1 = drainEntries(registration);
            r.r2 = signal.isPending() ? 1 : 0;
        }
    }
}

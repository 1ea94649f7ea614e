package dev.weft.reactor;

import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * A {@link Strand}'s mailbox (messages and controls) and its queue of raised signals, with the closing handshake.
 * Any thread offers; only the strand's reactor (or, for a strand never placed, the thread that closes it) takes.
 */
final class StrandMailbox {

    /*
     * Implementation overview.
     *
     * Both queues are JCTools MPSC queues that travel with the strand: whichever reactor owns the strand takes from
     * them. Closing is a handshake with a counter of posters in flight: a poster counts itself in, checks the closed
     * flag, offers, and counts itself out; the closer sets the flag and then waits until the counter is 0. Every
     * poster that passed the check before the flag was set has then offered, so what the closer drains afterwards is
     * every accepted message, and every later poster is refused.
     */

    private final Strand strand;
    private final MessagePassingQueue<Object> messages = new MpscUnboundedVarHandleArrayQueue<>(128);
    private final MessagePassingQueue<Registration> readySignals = new MpscUnboundedVarHandleArrayQueue<>(32);
    private final AtomicInteger posters = new AtomicInteger();
    private volatile boolean closed;

    StrandMailbox(final Strand strand) {
        this.strand = strand;
    }

    /**
     * Offers a message or control; any thread.
     *
     * @return false if the mailbox is closed, and the message was not taken
     */
    boolean offer(final Object message) {
        posters.incrementAndGet();
        try {
            if (closed) {
                return false;
            }
            messages.offer(message);
            return true;
        } finally {
            posters.decrementAndGet();
        }
    }

    /** Queues a registration whose signal was raised; any thread. */
    void offerSignal(final Registration registration) {
        readySignals.offer(registration);
    }

    Object poll() {
        assert strand.onOwnerThreadOrUnplaced() : "poll of " + strand + " off its reactor's thread";
        return messages.relaxedPoll();
    }

    Registration pollSignal() {
        assert strand.onOwnerThread() : "pollSignal of " + strand + " off its reactor's thread";
        return readySignals.relaxedPoll();
    }

    boolean hasSignals() {
        return !readySignals.isEmpty();
    }

    /** Whether a message or a raised signal waits; the reactor's last check before it blocks. */
    boolean hasInput() {
        return !messages.isEmpty() || !readySignals.isEmpty();
    }

    boolean isClosed() {
        return closed;
    }

    /** Refuses every later offer and waits for the offers already past the check; the closing thread. */
    void closeAndQuiesce() {
        closed = true;
        while (posters.get() != 0) {
            Thread.onSpinWait();
        }
    }
}

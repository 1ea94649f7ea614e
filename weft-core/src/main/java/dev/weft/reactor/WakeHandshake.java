package dev.weft.reactor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The handshake between a reactor that is about to block and the threads that post to it, so that no post is left
 * waiting behind a sleeping reactor and a burst of posts costs one wake-up.
 *
 * <p>Threads: {@link #wake()}, {@link #isSleeping()} and {@link #selecting()} are for any thread; {@link #bind},
 * {@link #announce}, {@link #withdraw} and {@link #finish} only for the reactor thread.
 */
final class WakeHandshake {

    /*
     * Implementation overview.
     *
     * One state word: AWAKE, PARKED (blocked in LockSupport.park) or SELECTING (blocked in Selector.select). It is a
     * Dekker handshake. The reactor announces PARKED or SELECTING, issues a full fence, checks every input queue once
     * more and only then blocks (withdrawing the announcement if it found input). A poster writes its queue, issues a
     * full fence and reads the state. One of the two must see the other: either the reactor sees the post, or the
     * poster sees the announcement. The poster that moves the state from asleep to AWAKE with a CAS is the only one
     * that calls unpark or Selector.wakeup(), so a burst of posts costs one wake-up, and a busy reactor costs its
     * posters a fence and a read. When the reactor returns from its wait it tries the same CAS: failing it means a
     * poster woke it. A stale permit or selector wake-up only makes one later wait return early, which the loop
     * absorbs. (MTL arms its alarm before it takes the mutex, so an early alarm can be lost; this cannot.)
     */

    static final int AWAKE = 0;
    static final int PARKED = 1;
    static final int SELECTING = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WakeHandshake.class, "state", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReactorChannels channels;
    private volatile int state;
    private volatile Thread owner;

    WakeHandshake(final ReactorChannels channels) {
        this.channels = channels;
    }

    /** Records the reactor thread, the one that {@link #wake()} unparks; called once, first thing on it. */
    void bind(final Thread reactorThread) {
        owner = reactorThread;
    }

    boolean ownedByCurrentThread() {
        return Thread.currentThread() == owner;
    }

    /** Whether the reactor is blocked, or about to block, in a park or a select. */
    boolean isSleeping() {
        return state != AWAKE;
    }

    /** Whether the reactor is blocked, or about to block, in its selector. */
    boolean selecting() {
        return state == SELECTING;
    }

    /**
     * Wakes the reactor if it announced a wait; any thread, after writing the queue it posted to.
     *
     * @return true if this call moved the reactor from asleep to awake (and so unparked or woke its selector)
     */
    boolean wake() {
        VarHandle.fullFence();
        final int seen = state;
        if (seen != AWAKE && STATE.compareAndSet(this, seen, AWAKE)) {
            if (seen == PARKED) {
                LockSupport.unpark(owner);
            } else {
                channels.wakeup();
            }
            return true;
        }
        return false;
    }

    /**
     * Announces a wait; the reactor must then check its input queues once more before it blocks.
     *
     * @param how {@link #PARKED} or {@link #SELECTING}
     */
    void announce(final int how) {
        assert ownedByCurrentThread() : "announce off the reactor thread";
        STATE.setVolatile(this, how);
        VarHandle.fullFence();
    }

    /** Takes the announcement back: the last check found input, so the reactor does not block. */
    void withdraw() {
        assert ownedByCurrentThread() : "withdraw off the reactor thread";
        STATE.setVolatile(this, AWAKE);
    }

    /**
     * Ends a wait.
     *
     * @param how what {@link #announce} was given
     * @return true if a poster woke the reactor, false if the wait ended by itself
     */
    boolean finish(final int how) {
        assert ownedByCurrentThread() : "finish off the reactor thread";
        return !STATE.compareAndSet(this, how, AWAKE);
    }
}

package dev.weft.reactor;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * How one {@link Reactor} spends a pass that found no work: its {@link ReactorMode}, sleep settings and the wait
 * itself. The settings may be changed from any thread and apply from the next idle pass; {@link #idle} runs on the
 * reactor thread only.
 */
final class Idler {

    /*
     * Implementation overview.
     *
     * Choosing. INTERRUPT blocks until input or the next timed tasklet exactly when the pass polled no untimed
     * tasklet (OpenPerf's pollable/spinning rule), and otherwise sleep by MTL's rule, so the choice follows tasklets
     * as they come, go, pause and resume. POLL spins once with Thread.onSpinWait() and returns to the loop.
     *
     * Sleeping. The sleep rule (SleepRule) takes each polled tasklet's advice as it stood after its poll in the pass
     * that found no work, as MTL reads advice_sleep_us once every handler has run: a pacing tasklet advises "until my
     * next deadline, from now", and the same advice read one pass later would oversleep that deadline. The sleep is
     * also cut to the next due timed tasklet. Below SleepRule's yield threshold the reactor yields instead.
     *
     * Waiting. A reactor with registered channels (ReactorChannels) waits in Selector.select, otherwise in
     * LockSupport.parkNanos; both go through the WakeHandshake, so no post is lost. select takes whole milliseconds,
     * so a timed select is rounded down: it never oversleeps, and the next idle pass sleeps the remainder. A sleep
     * under 1 ms parks even with channels registered, so it lasts what was asked rather than a rounded-up
     * millisecond; every pass polls the channels (selectNow), so a channel that becomes ready during such a nap waits
     * at most the nap, as a polled tasklet would.
     *
     * Accounting. The time of a wait or yield is counted by the reactor's counters and charged to every strand as
     * idle. Around a long wait the reactor samples its CPU clock (CpuSampler) and marks itself quiescent for the
     * group's Recycler, so a sleeping reactor holds no reclamation back.
     */

    private static final long FOREVER = -1;
    private static final long MILLI = 1_000_000L;

    private final Reactor reactor;
    private final ReactorCounters counters;
    private final CpuSampler cpuClock;
    private final ReactorChannels channels;
    private final WakeHandshake handshake;
    private final StrandMembership membership;
    private volatile ReactorMode mode;
    private volatile ReactorMode effectiveMode;
    private volatile long forcedSleepNanos;
    private volatile long defaultSleepNanos;

    Idler(
            final Reactor reactor,
            final ReactorMode mode,
            final long defaultSleepNanos,
            final ReactorCounters counters,
            final CpuSampler cpuClock,
            final ReactorChannels channels,
            final WakeHandshake handshake,
            final StrandMembership membership) {
        this.reactor = reactor;
        this.mode = mode;
        this.effectiveMode = mode;
        this.defaultSleepNanos = defaultSleepNanos;
        this.counters = counters;
        this.cpuClock = cpuClock;
        this.channels = channels;
        this.handshake = handshake;
        this.membership = membership;
    }

    ReactorMode mode() {
        return mode;
    }

    void mode(final ReactorMode newMode) {
        mode = newMode;
    }

    ReactorMode effectiveMode() {
        return effectiveMode;
    }

    long forcedSleepNanos() {
        return forcedSleepNanos;
    }

    void forcedSleepNanos(final long nanos) {
        forcedSleepNanos = nanos;
    }

    long defaultSleepNanos() {
        return defaultSleepNanos;
    }

    void defaultSleepNanos(final long nanos) {
        defaultSleepNanos = nanos;
    }

    /**
     * Notes a pass that did work: a reactor that has left interrupt or sleep mode and never idles since (a busy strand
     * arrived with the switch) reports the mode it was asked for, not the mode of its last idle pass. A reactor asked
     * for interrupt mode keeps what its last idle pass used until it next idles, since that pass decides whether it
     * can park (a spinning tasklet keeps it sleeping instead).
     *
     * @param requested the mode the pass read when it began
     */
    void worked(final ReactorMode requested) {
        assert reactor.inReactorThread() : "worked off " + reactor.name() + "'s thread";
        if (requested != ReactorMode.INTERRUPT && requested != effectiveMode) {
            effectiveMode = requested;
        }
    }

    /**
     * Idles once after a pass without work.
     *
     * @param requested the mode the pass read when it began ({@link #mode()}), so that the pass and its idling agree
     * @param now the clock reading that ended the pass
     * @param spinning whether the pass polled an untimed tasklet
     * @param minAdvice the smallest sleep advice of the pass, or {@link SleepRule#NO_ADVICE}
     * @param nextDue when the next timed tasklet is due, or {@link Long#MAX_VALUE}
     * @return the clock reading that ends the idle time (now itself after a spin)
     */
    long idle(
            final ReactorMode requested,
            final long now,
            final boolean spinning,
            final long minAdvice,
            final long nextDue) {
        assert reactor.inReactorThread() : "idle off " + reactor.name() + "'s thread";
        final ReactorMode used = switch (requested) {
            case INTERRUPT -> spinning ? ReactorMode.SLEEP : ReactorMode.INTERRUPT;
            case SLEEP, POLL -> requested;
        };
        if (used != effectiveMode) {
            effectiveMode = used;
        }
        switch (used) {
            case POLL -> {
                Thread.onSpinWait();
                return now;
            }
            case SLEEP -> {
                long nanos = SleepRule.sleepNanos(forcedSleepNanos, defaultSleepNanos, minAdvice);
                if (nextDue != Long.MAX_VALUE) {
                    nanos = Math.min(nanos, nextDue - now);
                }
                return SleepRule.yieldsInstead(nanos) ? yieldOnce(now) : sleep(now, nanos);
            }
            default -> {
                final long nanos = nextDue == Long.MAX_VALUE ? FOREVER : nextDue - now;
                return nanos == FOREVER || nanos > 0 ? sleep(now, nanos) : now;
            }
        }
    }

    private long yieldOnce(final long now) {
        Thread.yield();
        final long after = reactor.nanoTime();
        counters.yielded(after - now);
        membership.chargeIdle(after - now);
        return after;
    }

    private long sleep(final long now, final long nanos) {
        if (cpuClock.isLong(nanos)) {
            cpuClock.beforeLongSleep(now);
        }
        final int how =
                channels.any() && (nanos == FOREVER || nanos >= MILLI) ? WakeHandshake.SELECTING : WakeHandshake.PARKED;
        handshake.announce(how);
        if (reactor.hasInput()) {
            handshake.withdraw();
            return now;
        }
        final Recycler recycler = reactor.group().recycler();
        recycler.idle(reactor.index());
        final boolean readyChannels = how == WakeHandshake.PARKED ? park(nanos) : select(nanos);
        final boolean finished = handshake.finish(how); // always called: it clears the announcement
        final boolean woken = finished || readyChannels;
        Thread.interrupted();
        recycler.checkpoint(reactor.index());
        final long after = reactor.nanoTime();
        counters.slept(after - now, woken);
        membership.chargeIdle(after - now);
        return after;
    }

    private boolean park(final long nanos) {
        if (nanos == FOREVER) {
            LockSupport.park(reactor);
        } else {
            LockSupport.parkNanos(reactor, nanos);
        }
        return false;
    }

    private boolean select(final long nanos) {
        try {
            return channels.select(nanos == FOREVER ? 0 : nanos / MILLI) > 0;
        } catch (final IOException e) {
            reactor.report(null, ReactorFailure.Kind.REACTOR, "selector wait", e);
            return false;
        }
    }
}

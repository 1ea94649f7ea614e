package dev.weft.reactor;

/**
 * How a {@link Reactor} spends a pass that found no work.
 *
 * <p>The three concrete modes are the three idle behaviours of the upstream designs: SPDK's polling reactor
 * ({@link #POLL}), MTL's adaptive sleep ({@link #SLEEP}) and SPDK's interrupt mode or OpenPerf's pollable worker
 * ({@link #INTERRUPT}). {@link #AUTO} applies OpenPerf's pollable/spinning rule on every idle pass: a reactor whose
 * unpaused tasklets are all timed (every other piece of work being notifier-driven) can wait for readiness, so it
 * uses {@code INTERRUPT}; one with a plainly polled tasklet must keep looking, so it uses {@code SLEEP}.
 */
public enum ReactorMode {
    /** Spin with {@link Thread#onSpinWait()}: the lowest latency and a whole core. */
    POLL,
    /**
     * MTL's rule: sleep for the forced sleep if one is set, else for the smallest non-zero advice of the polled
     * tasklets capped at the reactor's default sleep (1 ms unless set); below 200 µs only yield. Posts, signals and
     * ready channels end the sleep early.
     */
    SLEEP,
    /**
     * Block until a message, a signal or a ready channel arrives or the next timed tasklet is due. A reactor asked
     * for this mode while it holds a plainly polled tasklet sleeps instead, since blocking would starve that tasklet.
     */
    INTERRUPT,
    /** {@code INTERRUPT} while every polled tasklet is timed or paused, {@code SLEEP} otherwise. */
    AUTO
}

package dev.weft.reactor;

/**
 * How a {@link Reactor} spends a pass that found no work.
 *
 * <p>The three modes are the three idle behaviours of the upstream designs: SPDK's polling reactor ({@link #POLL}),
 * MTL's adaptive sleep ({@link #SLEEP}), and SPDK's interrupt mode with OpenPerf's pollable/spinning rule
 * ({@link #INTERRUPT}, the default): a reactor blocks only while nothing it runs needs polling.
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
     * Block until a message, a signal or a ready channel arrives or the next timed tasklet is due, on every idle pass
     * whose reactor polled only timed or paused tasklets; a pass that polled a plainly polled tasklet sleeps by
     * {@link #SLEEP}'s rule instead, since blocking would starve that tasklet (OpenPerf's pollable/spinning rule).
     */
    INTERRUPT
}

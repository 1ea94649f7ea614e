package dev.weft.cli.demo;

import dev.weft.platform.SchedulingPolicy;
import dev.weft.workloads.UtsParams;
import dev.weft.workloads.UtsResult;
import java.time.Duration;
import java.util.Objects;

/**
 * What one demo run does. Immutable; the constructor throws {@link IllegalArgumentException} naming the setting that
 * is out of range.
 *
 * @param seconds how long the media streams and the echo load send, 1 to 3,600
 * @param sessions media sessions on each way, 1 to 64
 * @param profile the load of one media session
 * @param echoPerSecond echo requests a second on each way, 1 to 100,000
 * @param treeName the UTS tree's name for the report
 * @param tree the UTS tree counted in a loop
 * @param treeAnswer its published counts
 * @param utsWorkers the micro-scheduler's workers, the master included, at least 1
 * @param processWorkers worker processes, at least 1
 * @param processEvery the time between two process tasks
 * @param hangTimeout the timeout of a hanging process task
 * @param reactorNice the nice value of weft's media, sink and echo reactors, -20 to 19; 0 leaves it, below 0 needs
 *     {@code CAP_SYS_NICE}
 * @param reactorScheduling the class weft's media and sink reactors take halfway through the warm-up (real-time needs
 *     {@code CAP_SYS_NICE}); {@link SchedulingPolicy#fair()} leaves them as they are
 */
public record DemoConfig(
        int seconds,
        int sessions,
        MediaProfile profile,
        int echoPerSecond,
        String treeName,
        UtsParams tree,
        UtsResult treeAnswer,
        int utsWorkers,
        int processWorkers,
        Duration processEvery,
        Duration hangTimeout,
        int reactorNice,
        SchedulingPolicy reactorScheduling) {

    /** The default run time in seconds. */
    public static final int DEFAULT_SECONDS = 20;

    /** The default number of media sessions on each way. */
    public static final int DEFAULT_SESSIONS = 8;

    /**
     * The scheduling class of weft's media path (media and sink reactors) by default: SCHED_FIFO at priority 10,
     * the way SPDK and DPDK deployments run their pollers. These reactors sleep between deadlines and packets, so
     * they do not starve the rest; where the privilege is missing they stay in the fair class and the report says
     * why.
     */
    public static final SchedulingPolicy DEFAULT_REACTOR_SCHEDULING = SchedulingPolicy.fifo(10);

    /** The longest warm-up: the first seconds of every stream, whose packets count as sent but are not timed. */
    static final Duration MAX_WARM_UP = Duration.ofSeconds(2);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public DemoConfig {
        if (seconds < 1 || seconds > 3_600) {
            throw new IllegalArgumentException("--seconds " + seconds + " is not in 1..3600");
        }
        if (sessions < 1 || sessions > 64) {
            throw new IllegalArgumentException("--sessions " + sessions + " is not in 1..64");
        }
        if (echoPerSecond < 1 || echoPerSecond > 100_000) {
            throw new IllegalArgumentException("echo rate " + echoPerSecond + "/s is not in 1..100000");
        }
        if (utsWorkers < 1 || processWorkers < 1) {
            throw new IllegalArgumentException(
                    "UTS workers " + utsWorkers + " and process workers " + processWorkers + " must be at least 1");
        }
        if (reactorNice < -20 || reactorNice > 19) {
            throw new IllegalArgumentException("--nice " + reactorNice + " is not in -20..19");
        }
        Objects.requireNonNull(reactorScheduling, "reactorScheduling");
        if (processEvery.isNegative() || processEvery.isZero() || hangTimeout.isNegative() || hangTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "process task interval " + processEvery + " and hang timeout " + hangTimeout + " must be positive");
        }
    }

    /**
     * Returns how many sessions the load surge adds on each way: half the steady sessions, at least one.
     *
     * @return the surge's sessions
     */
    public int surgeSessions() {
        return Math.max(1, sessions / 2);
    }

    /**
     * Returns how long the surge's sessions send: half the run, at least a second. The surge starts a quarter into
     * the run.
     *
     * @return seconds
     */
    public int surgeSeconds() {
        return Math.max(1, seconds / 2);
    }

    /**
     * Returns the warm-up: a tenth of the run, at most {@link #MAX_WARM_UP}. Both ways time only the packets
     * scheduled after it, so that the figures describe the steady state (compiled code, loaded classes, connected
     * sockets) of a long-running service rather than its first moments; the weft way's reactors also take their
     * {@link #reactorScheduling()} only then.
     *
     * @return the warm-up
     */
    public Duration warmUp() {
        final Duration tenth = Duration.ofSeconds(seconds).dividedBy(10);
        return tenth.compareTo(MAX_WARM_UP) < 0 ? tenth : MAX_WARM_UP;
    }

    /**
     * The demo as {@code weft demo} runs it: {@link MediaProfile#STANDARD} sessions, 1,000 echo requests a second,
     * UTS T1 on two workers, two worker processes taking a task every 200 ms of which one in ten hangs until its
     * 500 ms timeout, latency reactors at nice 0 in {@link #DEFAULT_REACTOR_SCHEDULING}.
     *
     * @param seconds the run time
     * @param sessions the media sessions on each way
     * @return the settings
     */
    public static DemoConfig standard(final int seconds, final int sessions) {
        return new DemoConfig(
                seconds,
                sessions,
                MediaProfile.STANDARD,
                1_000,
                "T1",
                UtsParams.T1,
                UtsResult.T1,
                2,
                2,
                Duration.ofMillis(200),
                Duration.ofMillis(500),
                0,
                DEFAULT_REACTOR_SCHEDULING);
    }

    /**
     * Returns these settings with weft's reactors at another nice value.
     *
     * @param nice the nice value, in [-20, 19]
     * @return the settings
     */
    public DemoConfig withReactorNice(final int nice) {
        return new DemoConfig(
                seconds,
                sessions,
                profile,
                echoPerSecond,
                treeName,
                tree,
                treeAnswer,
                utsWorkers,
                processWorkers,
                processEvery,
                hangTimeout,
                nice,
                reactorScheduling);
    }

    /**
     * Returns these settings with weft's latency reactors in another scheduling class.
     *
     * @param policy the class; {@link SchedulingPolicy#fair()} leaves the reactors as they start
     * @return the settings
     */
    public DemoConfig withReactorScheduling(final SchedulingPolicy policy) {
        return new DemoConfig(
                seconds,
                sessions,
                profile,
                echoPerSecond,
                treeName,
                tree,
                treeAnswer,
                utsWorkers,
                processWorkers,
                processEvery,
                hangTimeout,
                reactorNice,
                policy);
    }
}

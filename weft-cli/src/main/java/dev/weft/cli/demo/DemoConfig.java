package dev.weft.cli.demo;

import dev.weft.bench.workload.UtsParams;
import dev.weft.bench.workload.UtsResult;
import java.time.Duration;

/**
 * What one demo run does.
 *
 * @param seconds how long the media streams and the echo load send, at least 1
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
 * @param reactorNice the nice value of weft's media, sink and echo reactors, in [-20, 19]; 0 leaves them as they
 *     are, a negative value needs {@code CAP_SYS_NICE}
 */
public record DemoConfig(int seconds, int sessions, MediaProfile profile, int echoPerSecond, String treeName,
        UtsParams tree, UtsResult treeAnswer, int utsWorkers, int processWorkers, Duration processEvery,
        Duration hangTimeout, int reactorNice) {

    /** The default run time in seconds. */
    public static final int DEFAULT_SECONDS = 20;

    /** The default number of media sessions on each way. */
    public static final int DEFAULT_SESSIONS = 8;

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
            throw new IllegalArgumentException("UTS workers " + utsWorkers + " and process workers "
                    + processWorkers + " must be at least 1");
        }
        if (reactorNice < -20 || reactorNice > 19) {
            throw new IllegalArgumentException("--nice " + reactorNice + " is not in -20..19");
        }
        if (processEvery.isNegative() || processEvery.isZero() || hangTimeout.isNegative() || hangTimeout.isZero()) {
            throw new IllegalArgumentException("process task interval " + processEvery + " and hang timeout "
                    + hangTimeout + " must be positive");
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
     * The demo as {@code weft demo} runs it: {@link MediaProfile#STANDARD} sessions, 1,000 echo requests a second,
     * UTS T1 on two workers, two worker processes taking a task every 200 ms of which one in ten hangs until its
     * 500 ms timeout, reactors at the default priority.
     *
     * @param seconds the run time
     * @param sessions the media sessions on each way
     * @return the settings
     */
    public static DemoConfig standard(final int seconds, final int sessions) {
        return new DemoConfig(seconds, sessions, MediaProfile.STANDARD, 1_000, "T1", UtsParams.T1, UtsResult.T1, 2,
                2, Duration.ofMillis(200), Duration.ofMillis(500), 0);
    }

    /**
     * Returns these settings with weft's reactors at another nice value.
     *
     * @param nice the nice value, in [-20, 19]
     * @return the settings
     */
    public DemoConfig withReactorNice(final int nice) {
        return new DemoConfig(seconds, sessions, profile, echoPerSecond, treeName, tree, treeAnswer, utsWorkers,
                processWorkers, processEvery, hangTimeout, nice);
    }
}

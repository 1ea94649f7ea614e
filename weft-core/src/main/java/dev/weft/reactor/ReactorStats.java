package dev.weft.reactor;

import java.util.List;

/**
 * An immutable reading of one reactor's counters, taken from any thread without stopping the reactor; each counter is
 * read on its own, so two of them need not come from the same pass.
 *
 * @param index the reactor's index in its group
 * @param name the reactor's name
 * @param cpu the CPU the reactor stands for (pinned to it, or nominal when unpinned)
 * @param mode the mode asked for
 * @param effectiveMode the mode it used in its last idle pass
 * @param busyNanos time of passes that did work
 * @param idleNanos time of passes that did none, sleeps included
 * @param loops passes so far
 * @param avgNanosPerLoop MTL's average loop time over the last 2 s window (0 before the first window closes)
 * @param sleepNanos time spent asleep
 * @param sleepRatioPercent MTL's sleep ratio over the last 5 s window
 * @param sleeps sleeps so far
 * @param wakeups sleeps ended early by a post, a signal or a ready channel
 * @param yields idle passes that only yielded (advice under 200 µs)
 * @param threadId the kernel thread id, or -1 where unknown
 * @param currentCpu the CPU the thread last ran on (sampled every 2 s), or -1 where unknown
 * @param userCpuNanos user CPU time of the reactor thread as of {@code cpuSampledNanos}, or -1 where unsupported;
 *     sampled at loop boundaries at most 5 ms apart and before longer sleeps, so it lags by at most 5 ms of CPU
 *     plus the pass under way
 * @param systemCpuNanos system CPU time of the reactor thread as of {@code cpuSampledNanos}, or -1 where unsupported
 * @param cpuSampledNanos the {@link System#nanoTime()} at which the CPU times were sampled, or 0 before the first
 * @param strands the counters of its strands
 */
public record ReactorStats(
        int index,
        String name,
        int cpu,
        ReactorMode mode,
        ReactorMode effectiveMode,
        long busyNanos,
        long idleNanos,
        long loops,
        long avgNanosPerLoop,
        long sleepNanos,
        double sleepRatioPercent,
        long sleeps,
        long wakeups,
        long yields,
        int threadId,
        int currentCpu,
        long userCpuNanos,
        long systemCpuNanos,
        long cpuSampledNanos,
        List<StrandStats> strands) {}

package dev.weft.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's and this process's CPU time at one moment, read from {@code /proc}, so that a run can tell how much of
 * the machine other processes, and the hypervisor as steal time, took while it measured. Both files count in the
 * kernel's clock ticks. The benchmarks run as children of this process, which waits for each, so their time (and
 * that of the JVMs JMH forks, which JMH waits for in turn) is in this process's reaped-children time.
 *
 * @param machineTicks all CPUs' time: user, nice, system, idle, iowait, irq, softirq and steal
 * @param busyTicks the part of it that was not idle or waiting for I/O, steal included
 * @param ownTicks this process's user and system time and that of the children it has reaped
 */
record CpuTimes(long machineTicks, long busyTicks, long ownTicks) {

    /** What {@link #now} returns where {@code /proc} cannot be read. */
    static final CpuTimes UNKNOWN = new CpuTimes(-1, -1, -1);

    /**
     * Reads the times now.
     *
     * @return the times, or {@link #UNKNOWN}
     */
    static CpuTimes now() {
        try {
            return parse(
                    Files.readString(Path.of("/proc/stat"), StandardCharsets.UTF_8),
                    Files.readString(Path.of("/proc/self/stat"), StandardCharsets.UTF_8));
        } catch (final IOException | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /**
     * Reads the times from the texts of {@code /proc/stat} and {@code /proc/<pid>/stat}.
     *
     * @param procStat the machine's text; its first line is the {@code cpu} total
     * @param selfStat the process's text
     * @return the times
     * @throws IllegalArgumentException naming the text that does not have the expected fields
     */
    static CpuTimes parse(final String procStat, final String selfStat) {
        final String[] cpu = procStat.lines().findFirst().orElse("").trim().split("\\s+");
        if (cpu.length < 9 || !cpu[0].equals("cpu")) {
            throw new IllegalArgumentException("/proc/stat does not start with a cpu line of 8 times: " + cpu[0]);
        }
        long machine = 0;
        for (int i = 1; i <= 8; i++) {
            machine += Long.parseLong(cpu[i]);
        }
        final long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        // The command name in parentheses may hold spaces: the fields that follow are counted from its end.
        final String[] self =
                selfStat.substring(selfStat.lastIndexOf(')') + 1).trim().split("\\s+");
        if (self.length < 15) {
            throw new IllegalArgumentException("/proc/self/stat has " + self.length + " fields after the name, not 15");
        }
        long own = 0;
        for (int i = 11; i <= 14; i++) { // utime, stime, cutime, cstime: fields 14 to 17 of the whole line
            own += Long.parseLong(self[i]);
        }
        return new CpuTimes(machine, machine - idle, own);
    }

    /**
     * The share of the machine's time between two readings that went to anything but this process and its children.
     *
     * @param before the first reading
     * @param after the second
     * @return the share, 0 to 1, or NaN if either reading is unknown or no time passed
     */
    static double othersShare(final CpuTimes before, final CpuTimes after) {
        if (before.equals(UNKNOWN) || after.equals(UNKNOWN) || after.machineTicks <= before.machineTicks) {
            return Double.NaN;
        }
        final long others = (after.busyTicks - before.busyTicks) - (after.ownTicks - before.ownTicks);
        return Math.clamp((double) others / (after.machineTicks - before.machineTicks), 0.0, 1.0);
    }
}

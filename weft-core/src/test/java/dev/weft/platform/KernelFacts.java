package dev.weft.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the running kernel and this process's privileges allow, so that tests expect what this machine can do. */
public final class KernelFacts {

    private KernelFacts() {}

    /**
     * Whether this process holds CAP_SYS_NICE (bit 23 of the effective set) or a real-time limit of {@code priority}.
     *
     * @param priority the real-time priority
     * @return true if {@code sched_setattr} may set it
     * @throws Exception if /proc cannot be read
     */
    public static boolean mayUseRealTime(final int priority) throws Exception {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")
                    && (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 23)) != 0) {
                return true;
            }
        }
        for (final String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max realtime priority")) {
                final String soft =
                        line.substring("Max realtime priority".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") || Integer.parseInt(soft) >= priority;
            }
        }
        return false;
    }

    /**
     * Whether the running kernel is at least a version.
     *
     * @param major the major version
     * @param minor the minor version
     * @return true if {@code os.version} is that version or later
     */
    public static boolean kernelAtLeast(final int major, final int minor) {
        final String[] parts = System.getProperty("os.version").split("[.-]");
        final int haveMajor = Integer.parseInt(parts[0]);
        final int haveMinor = Integer.parseInt(parts[1]);
        return haveMajor > major || haveMajor == major && haveMinor >= minor;
    }
}

package dev.weft.rpc.methods;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-CPU time counters of {@code /proc/stat} that SPDK's {@code framework_get_reactors} reports as {@code usr},
 * {@code sys} and {@code irq}, in the kernel's clock ticks ({@code USER_HZ}), as SPDK passes them on.
 *
 * <p>The file is read whole by a {@link ProcStatFile} (the kernel generates all of it on the first read anyway)
 * and scanned up to the end of its leading {@code cpu} lines (the long {@code intr} line behind them is never parsed);
 * only the {@code cpuN} lines count. Where the file
 * is absent (not Linux) or a CPU has no line, the counters read 0, which is what SPDK reports when its own read
 * fails.
 *
 * @param usr user time per CPU
 * @param sys system time per CPU
 * @param irq hardware interrupt time per CPU
 */
public record ProcStat(Map<Integer, Long> usr, Map<Integer, Long> sys, Map<Integer, Long> irq) {

    /** Where Linux keeps the counters. */
    public static final Path PROC_STAT = Path.of("/proc/stat");

    /** How many counters of a {@code cpuN} line are read: user, nice, system, idle, iowait, irq. */
    private static final int CPU_FIELDS = 6;

    private static final int USER = 0;
    private static final int SYSTEM = 2;
    private static final int IRQ = 5;

    /** Larger CPU numbers are taken for a malformed line. */
    private static final int MAX_CPU = 1 << 20;

    /** A counter of more digits would overflow a long. */
    private static final int MAX_DIGITS = 18;

    /**
     * Copies the maps.
     *
     * @param usr user time per CPU
     * @param sys system time per CPU
     * @param irq hardware interrupt time per CPU
     */
    public ProcStat {
        usr = Map.copyOf(usr);
        sys = Map.copyOf(sys);
        irq = Map.copyOf(irq);
    }

    /**
     * Parses the text of {@code /proc/stat} up to the end of its leading {@code cpu} lines:
     * {@code cpuN user nice system idle iowait irq softirq ...}. The fields are scanned by hand rather than split
     * with a regular expression: the file is read a few times a second, too rarely for the JIT to compile this
     * code, and interpreted, a regular-expression split of each line cost far more than the kernel's own work of
     * generating the file.
     *
     * @param text the file's text
     * @return the counters of the CPUs whose line is well formed
     */
    public static ProcStat parse(final String text) {
        final Map<Integer, Long> usr = new HashMap<>();
        final Map<Integer, Long> sys = new HashMap<>();
        final Map<Integer, Long> irq = new HashMap<>();
        final long[] fields = new long[CPU_FIELDS];
        int line = 0;
        while (line < text.length() && text.startsWith("cpu", line)) {
            final int next = text.indexOf('\n', line);
            final int end = next < 0 ? text.length() : next;
            final int cpu = cpuFields(text, line + 3, end, fields);
            if (cpu >= 0) {
                usr.put(cpu, fields[USER]);
                sys.put(cpu, fields[SYSTEM]);
                irq.put(cpu, fields[IRQ]);
            }
            line = end + 1;
        }
        return new ProcStat(usr, sys, irq);
    }

    /**
     * Reads the CPU number right after a line's {@code cpu} and its first {@value #CPU_FIELDS} counters.
     *
     * @return the CPU, or -1 when the line is the total line or not well formed (its CPU then reads 0)
     */
    private static int cpuFields(final String text, final int from, final int end, final long[] fields) {
        int at = from;
        int cpu = 0;
        while (at < end && isDigit(text.charAt(at))) {
            cpu = cpu * 10 + text.charAt(at) - '0';
            at++;
            if (cpu > MAX_CPU) {
                return -1;
            }
        }
        if (at == from || at == end || text.charAt(at) != ' ') {
            return -1;
        }
        for (int field = 0; field < CPU_FIELDS; field++) {
            while (at < end && text.charAt(at) == ' ') {
                at++;
            }
            final int digits = at;
            long value = 0;
            while (at < end && isDigit(text.charAt(at))) {
                value = value * 10 + text.charAt(at) - '0';
                at++;
                if (at - digits > MAX_DIGITS) {
                    return -1;
                }
            }
            if (at == digits || (at < end && text.charAt(at) != ' ')) {
                return -1;
            }
            fields[field] = value;
        }
        return cpu;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }
}

package dev.weft.rpc.methods;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-CPU time counters of {@code /proc/stat} that SPDK's {@code framework_get_reactors} reports as {@code usr},
 * {@code sys} and {@code irq}, in the kernel's clock ticks ({@code USER_HZ}), as SPDK passes them on.
 *
 * <p>The file is read up to the end of its leading {@code cpu} lines (the long {@code intr} line behind them is never
 * decoded) and parsed line by line; only the {@code cpuN} lines count. Where the file
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
     * Reads a {@code /proc/stat}-formatted file.
     *
     * @param file the file (tests pass a fixture)
     * @return the counters, empty when the file cannot be read
     */
    public static ProcStat read(final Path file) {
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = reader.readLine()) != null && line.startsWith("cpu")) {
                lines.add(line);
            }
        } catch (final IOException e) {
            return new ProcStat(Map.of(), Map.of(), Map.of());
        }
        return parse(lines);
    }

    /**
     * Parses the lines of {@code /proc/stat}: {@code cpuN user nice system idle iowait irq softirq ...}.
     *
     * @param lines the file's lines
     * @return the counters of the CPUs whose line is well formed
     */
    public static ProcStat parse(final List<String> lines) {
        final Map<Integer, Long> usr = new HashMap<>();
        final Map<Integer, Long> sys = new HashMap<>();
        final Map<Integer, Long> irq = new HashMap<>();
        for (final String line : lines) {
            if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) {
                continue;
            }
            final String[] fields = line.trim().split("\\s+");
            if (fields.length < 7) {
                continue;
            }
            try {
                final int cpu = Integer.parseInt(fields[0].substring(3));
                usr.put(cpu, Long.parseLong(fields[1]));
                sys.put(cpu, Long.parseLong(fields[3]));
                irq.put(cpu, Long.parseLong(fields[6]));
            } catch (final NumberFormatException e) {
                // a malformed line is skipped; its CPU reads 0
            }
        }
        return new ProcStat(usr, sys, irq);
    }
}

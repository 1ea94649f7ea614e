package dev.weft.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One command the report runs to measure, and how its output is read: a JMH run (one include pattern and its own
 * extra options, results to a JSON file), one of the benchmark mains, or the demo.
 *
 * @param name a short name, also the stem of its files in the run directory ({@code jmh-all}, {@code idle-cost})
 * @param kind what kind of command it is
 * @param target the JMH include pattern, the main class (without {@code dev.weft.bench.}), or empty for the demo
 * @param args extra arguments in a full run
 * @param quickArgs extra arguments in a quick run
 */
public record Source(String name, Kind kind, String target, List<String> args, List<String> quickArgs) {

    /** What a source runs, which decides how its output is read. */
    public enum Kind {
        /** A JMH run; reads its JSON result file. */
        JMH,
        /** {@code reactor.IdleCost}. */
        IDLE_COST,
        /** {@code balance.BalancingSavings}. */
        BALANCING,
        /** {@code process.ProcessLatencyMain}. */
        PROCESS_LATENCY,
        /** {@code reactor.DispatchCpuCost}. */
        DISPATCH_CPU,
        /** {@code rpc.RpcServeCpuCost}. */
        RPC_SERVE_CPU,
        /** {@code rpc.RpcReactorThroughputCost}. */
        RPC_REACTOR_THROUGHPUT,
        /** {@code reactor.VirtualThreadEcho}. */
        VTHREAD_ECHO,
        /** {@code weft demo --json}. */
        DEMO
    }

    /**
     * Copies the argument lists and checks the name.
     *
     * @param name the name
     * @param kind the kind
     * @param target the include pattern or main class
     * @param args full-run arguments
     * @param quickArgs quick-run arguments
     * @throws IllegalArgumentException if the name is not a plain file stem or a part is null
     */
    public Source {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException(
                    "a source name must be lower-case letters, digits and dashes, not " + name);
        }
        if (kind == null || target == null) {
            throw new IllegalArgumentException("source " + name + " needs a kind and a target");
        }
        args = List.copyOf(args);
        quickArgs = List.copyOf(quickArgs);
    }

    /**
     * The command as the report prints it for reproducing, relative to the repository root.
     *
     * @param quick whether this is a quick run
     * @param jmhSettings the JMH settings, as separate options
     * @return the command
     */
    public String display(final boolean quick, final List<String> jmhSettings) {
        final List<String> extra = quick ? quickArgs : args;
        final String tail = extra.isEmpty() ? "" : " " + String.join(" ", extra);
        return switch (kind) {
            case JMH ->
                Reproduce.JMH + " '" + target + "'" + tail + " " + String.join(" ", settingsFor(quick, jmhSettings));
            case DEMO -> "./weft demo --json" + tail;
            default ->
                "java --enable-native-access=ALL-UNNAMED " + Reproduce.VTHREAD_ACCESS
                        + " -cp weft-bench/target/benchmarks.jar "
                        + Reproduce.PACKAGE + target + tail;
        };
    }

    /**
     * The command to run.
     *
     * @param quick whether this is a quick run
     * @param java the {@code java} launcher
     * @param jar the benchmarks jar
     * @param weft the {@code weft} script
     * @param jmhSettings the JMH settings, as separate options
     * @param results where a JMH run writes its JSON
     * @return the command line
     */
    public List<String> command(
            final boolean quick,
            final Path java,
            final Path jar,
            final Path weft,
            final List<String> jmhSettings,
            final Path results) {
        final List<String> command = new ArrayList<>();
        switch (kind) {
            case JMH -> {
                command.addAll(
                        List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), target));
                command.addAll(quick ? quickArgs : args);
                command.addAll(settingsFor(quick, jmhSettings));
                command.addAll(List.of("-rf", "json", "-rff", results.toString()));
            }
            case DEMO -> {
                command.addAll(List.of(weft.toString(), "demo", "--json"));
                command.addAll(quick ? quickArgs : args);
            }
            default -> {
                command.addAll(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED"));
                command.addAll(List.of(Reproduce.VTHREAD_ACCESS.split(" ")));
                command.addAll(List.of("-cp", jar.toString(), Reproduce.PACKAGE + target));
                command.addAll(quick ? quickArgs : args);
            }
        }
        return command;
    }

    /**
     * The run's JMH settings less the options this source's own arguments give (a source whose operations take a
     * minute each runs fewer iterations than the rest); JMH refuses an option given twice.
     *
     * @param quick whether this is a quick run
     * @param jmhSettings the run's settings, as option and value pairs
     * @return the settings this source runs with, besides its own arguments
     */
    public List<String> settingsFor(final boolean quick, final List<String> jmhSettings) {
        final List<String> extra = quick ? quickArgs : args;
        final List<String> kept = new ArrayList<>();
        for (int i = 0; i + 1 < jmhSettings.size(); i += 2) {
            if (!extra.contains(jmhSettings.get(i))) {
                kept.add(jmhSettings.get(i));
                kept.add(jmhSettings.get(i + 1));
            }
        }
        return kept;
    }

    /**
     * Reads what this source produced.
     *
     * @param output what the command printed on standard output
     * @param json the JMH result file's text (empty for other kinds, or when JMH wrote none)
     * @param command the reproducing command, recorded with each measurement
     * @return the measurements
     */
    public List<Measurement> read(final String output, final String json, final String command) {
        return switch (kind) {
            case JMH -> JmhJson.parse(json);
            case IDLE_COST -> MainOutput.idleCost(output, command);
            case BALANCING -> MainOutput.balancing(output, command);
            case PROCESS_LATENCY -> MainOutput.processLatency(output, command);
            case DISPATCH_CPU -> MainOutput.dispatchCpu(output, command);
            case RPC_SERVE_CPU -> MainOutput.rpcServeCpu(output, command);
            case RPC_REACTOR_THROUGHPUT -> MainOutput.rpcReactorThroughput(output, command);
            case VTHREAD_ECHO -> MainOutput.virtualThreadEcho(output, command);
            case DEMO -> output.isBlank() ? List.of() : DemoJson.parse(output, command);
        };
    }
}

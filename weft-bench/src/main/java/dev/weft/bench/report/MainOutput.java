package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the benchmark mains that are not JMH benchmarks print, one method per main, each returning a
 * {@link Measurement} per line of the shape it knows and ignoring every other line (headers, JVM warnings, progress).
 * Numbers may carry a decimal comma (the mains format with the default locale). A scenario a main adds later is read
 * like the others and shows up in the report as unpaired until a row names it. Stateless; safe from any thread.
 */
public final class MainOutput {

    private static final String NUMBER = "(-?[0-9]+(?:[.,][0-9]+)?)";
    private static final Pattern IDLE = Pattern.compile("^\\s*(\\S+)\\s+" + NUMBER + "%\\s+(\\S+)\\s*$");
    private static final Pattern BALANCE =
            Pattern.compile("^\\s*(\\S+)\\s+" + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "\\s*$");
    private static final Pattern LATENCY = Pattern.compile("^\\s*(.+?)\\s+n=\\s*" + NUMBER + "\\s+p50=\\s*" + NUMBER
            + "\\s+p90=\\s*" + NUMBER + "\\s+p99=\\s*" + NUMBER + "\\s+max=\\s*" + NUMBER + "\\s*us\\s*$");

    private static final Pattern DISPATCH = Pattern.compile("^\\s*([0-9]+)\\s+" + NUMBER + "\\s+" + NUMBER + "\\s+"
            + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "\\s*$");

    private static final Pattern VTHREAD_ECHO = Pattern.compile("^\\s*vthread-echo\\s+(\\S+)\\s+p50=" + NUMBER
            + "\\s+p99=" + NUMBER + "\\s+cpu=" + NUMBER + "\\s*us" + "(?:\\s+pollers=" + NUMBER + "\\s*us)?\\s*$");

    private static final Pattern FIVE_NUMBERS = Pattern.compile(
            "^\\s*" + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "\\s+" + NUMBER + "\\s*$");

    private MainOutput() {}

    /**
     * Reads {@code RpcServeCpuCost}'s output: its summary line, the medians over its rounds, {@code <requests/s>
     * <µs CPU per request> <share of one core %> <echo µs CPU per request> <echo share %>}, becomes
     * {@code rpc-serve-cpu.weft} and {@code rpc-serve-cpu.echo} (the bare echo server at the same rate), each with
     * {@code micros} and {@code share}.
     *
     * @param text what it printed
     * @param command the command that printed it
     * @return weft's server and the bare echo server, or nothing when the summary line is missing
     */
    public static List<Measurement> rpcServeCpu(final String text, final String command) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final String line : text.split("\\R")) {
            final Matcher m = FIVE_NUMBERS.matcher(line);
            if (m.matches()) {
                measurements.add(Measurement.plain(
                        "rpc-serve-cpu.weft",
                        Map.of(
                                "micros", Figure.of(Numbers.parse(m.group(2)), "us CPU/request"),
                                "share", Figure.of(Numbers.parse(m.group(3)), "% of a core")),
                        command));
                measurements.add(Measurement.plain(
                        "rpc-serve-cpu.echo",
                        Map.of(
                                "micros", Figure.of(Numbers.parse(m.group(4)), "us CPU/request"),
                                "share", Figure.of(Numbers.parse(m.group(5)), "% of a core")),
                        command));
            }
        }
        return measurements;
    }

    /**
     * Reads {@code RpcReactorThroughputCost}'s output: its summary line, the medians over its rounds,
     * {@code <requests/s> <% kept serving weft> <% kept serving echo> <lowest % kept serving weft> <highest>},
     * becomes {@code rpc-reactor-throughput.weft} with {@code kept}, {@code lowest} and {@code highest}, and
     * {@code rpc-reactor-throughput.echo} with {@code kept} (the share of the reactors' quiet throughput they kept
     * while a client sent 100 requests/s).
     *
     * @param text what it printed
     * @param command the command that printed it
     * @return the reactors' share kept while serving weft and while serving the bare echo server, or nothing when
     *         the summary line is missing
     */
    public static List<Measurement> rpcReactorThroughput(final String text, final String command) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final String line : text.split("\\R")) {
            final Matcher m = FIVE_NUMBERS.matcher(line);
            if (m.matches()) {
                measurements.add(Measurement.plain(
                        "rpc-reactor-throughput.weft",
                        Map.of(
                                "kept", Figure.of(Numbers.parse(m.group(2)), "% kept"),
                                "lowest", Figure.of(Numbers.parse(m.group(4)), "% kept"),
                                "highest", Figure.of(Numbers.parse(m.group(5)), "% kept")),
                        command));
                measurements.add(Measurement.plain(
                        "rpc-reactor-throughput.echo",
                        Map.of("kept", Figure.of(Numbers.parse(m.group(3)), "% kept")),
                        command));
            }
        }
        return measurements;
    }

    /**
     * Reads {@code VirtualThreadEcho}'s output: {@code vthread-echo <way>-<clients> p50=<x> p99=<x> cpu=<x> us
     * [pollers=<x> us]} becomes {@code vthread-echo.<way>-<clients>} with {@code p50} and {@code p99} (round trip,
     * µs), {@code cpu} (server CPU µs per request) and, where printed, {@code pollers} (the part of it that the JDK's
     * platform poller threads used).
     *
     * @param text what it printed
     * @param command the command that printed it
     * @return one measurement per way of serving and client count
     */
    public static List<Measurement> virtualThreadEcho(final String text, final String command) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final String line : text.split("\\R")) {
            final Matcher m = VTHREAD_ECHO.matcher(line);
            if (m.matches()) {
                final Map<String, Figure> figures = new LinkedHashMap<>(Map.of(
                        "p50", Figure.of(Numbers.parse(m.group(2)), "us"),
                        "p99", Figure.of(Numbers.parse(m.group(3)), "us"),
                        "cpu", Figure.of(Numbers.parse(m.group(4)), "us CPU/request")));
                if (m.group(5) != null) {
                    figures.put("pollers", Figure.of(Numbers.parse(m.group(5)), "us CPU/request"));
                }
                measurements.add(Measurement.plain("vthread-echo." + m.group(1), Map.copyOf(figures), command));
            }
        }
        return measurements;
    }

    /**
     * Reads {@code DispatchCpuCost}'s output: {@code <tasklets> <weft> <agrona> <ratio> <weftExact> <hand> <ratio>}
     * (ns per pass) becomes {@code dispatch-cpu.<loop>-<tasklets>} for the loops {@code weft} (sampled tasklet
     * timing), {@code agrona}, {@code weftExact} and {@code hand}, each with {@code ns} (the loop thread's CPU
     * nanoseconds per pass).
     *
     * @param text what it printed
     * @param command the command that printed it
     * @return four measurements per tasklet count: weft's loop, Agrona's, weft's with exact timing, the hand loop
     */
    public static List<Measurement> dispatchCpu(final String text, final String command) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final String line : text.split("\\R")) {
            final Matcher m = DISPATCH.matcher(line);
            if (m.matches()) {
                final String[] loops = {"weft", "agrona", null, "weftExact", "hand"};
                for (int i = 0; i < loops.length; i++) {
                    if (loops[i] != null) {
                        measurements.add(Measurement.plain(
                                "dispatch-cpu." + loops[i] + "-" + m.group(1),
                                Map.of("ns", Figure.of(Numbers.parse(m.group(i + 2)), "ns CPU/pass")),
                                command));
                    }
                }
            }
        }
        return measurements;
    }

    /**
     * Reads {@code IdleCost}'s output: {@code <scenario> <cpu>% <sleeps/s or ->}, one line per scenario, becomes
     * {@code idle.<scenario>} with {@code cpu} (% of one core) and {@code sleeps} (per second, when printed).
     *
     * @param text what it printed
     * @param command the command that printed it
     * @return one measurement per scenario line
     */
    public static List<Measurement> idleCost(final String text, final String command) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final String line : text.split("\\R")) {
            final Matcher m = IDLE.matcher(line);
            if (m.matches()) {
                final Map<String, Figure> metrics = new LinkedHashMap<>();
                metrics.put("cpu", Figure.of(Numbers.parse(m.group(2)), "% of a core"));
                if (m.group(3).matches(NUMBER)) {
                    metrics.put("sleeps", Figure.of(Numbers.parse(m.group(3)), "sleeps/s"));
                }
                measurements.add(Measurement.plain("idle." + m.group(1), metrics, command));
            }
        }
        return measurements;
    }

    /**
     * Reads {@code BalancingSavings}' output: {@code <policy> <cpu ms> <cores> <work units> <due units>} becomes
     * {@code balance.<policy>} with {@code cpu}, {@code cores}, {@code work} and {@code due}.
     *
     * @param text what it printed
     * @param command the command that printed it
     * @return one measurement per policy line
     */
    public static List<Measurement> balancing(final String text, final String command) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final String line : text.split("\\R")) {
            final Matcher m = BALANCE.matcher(line);
            if (m.matches()) {
                final Map<String, Figure> metrics = new LinkedHashMap<>();
                metrics.put("cpu", Figure.of(Numbers.parse(m.group(2)), "ms CPU"));
                metrics.put("cores", Figure.of(Numbers.parse(m.group(3)), "cores"));
                metrics.put("work", Figure.of(Numbers.parse(m.group(4)), "work units"));
                metrics.put("due", Figure.of(Numbers.parse(m.group(5)), "work units"));
                measurements.add(Measurement.plain("balance." + m.group(1), metrics, command));
            }
        }
        return measurements;
    }

    /**
     * Reads {@code ProcessLatencyMain}'s output: {@code <name> n=<n> p50=<x> p90=<x> p99=<x> max=<x> us} becomes
     * {@code process-latency.<slug of name>} with {@code n}, {@code p50}, {@code p90}, {@code p99} and {@code max}
     * in microseconds.
     *
     * @param text what it printed
     * @param command the command that printed it
     * @return one measurement per distribution line
     */
    public static List<Measurement> processLatency(final String text, final String command) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final String line : text.split("\\R")) {
            final Matcher m = LATENCY.matcher(line);
            if (m.matches()) {
                final Map<String, Figure> metrics = new LinkedHashMap<>();
                metrics.put("n", Figure.of(Numbers.parse(m.group(2)), "samples"));
                metrics.put("p50", Figure.of(Numbers.parse(m.group(3)), "us"));
                metrics.put("p90", Figure.of(Numbers.parse(m.group(4)), "us"));
                metrics.put("p99", Figure.of(Numbers.parse(m.group(5)), "us"));
                metrics.put("max", Figure.of(Numbers.parse(m.group(6)), "us"));
                measurements.add(Measurement.plain("process-latency." + slug(m.group(1)), metrics, command));
            }
        }
        return measurements;
    }

    /**
     * A name made fit for a selector: lower case, runs of anything but letters and digits turned into one dash.
     *
     * @param name a printed name, such as {@code fork/exec /bin/true (anchor)}
     * @return the slug, such as {@code fork-exec-bin-true-anchor}
     */
    static String slug(final String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}

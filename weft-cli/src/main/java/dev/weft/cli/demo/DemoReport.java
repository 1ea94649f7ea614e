package dev.weft.cli.demo;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's figures: the media and echo workloads of both ways side by side, the batch throughput, the process
 * task outcomes, and the targets evaluated on them. {@link #text()} renders the side-by-side report,
 * {@link #json()} the same figures as one JSON object.
 *
 * @param seconds the nominal sending time
 * @param sessions media sessions on each way
 * @param profile the load of one media session
 * @param elapsedSeconds the time from the start of sending to its end plus the grace for the last packets
 * @param mediaWeft media, weft
 * @param mediaPlain media, plain JDK
 * @param echoWeft echo, weft
 * @param echoPlain echo, plain JDK
 * @param batch the UTS loop
 * @param processes the process tasks
 * @param targets the targets on these figures
 * @param sessionsPerMediaReactor how many weft sessions the quota placer put on each media reactor
 * @param placementNotes what the media reactors' placement could not apply (for example pinning), if anything
 */
public record DemoReport(int seconds, int sessions, MediaProfile profile, double elapsedSeconds,
        MediaFigures mediaWeft, MediaFigures mediaPlain, EchoFigures echoWeft, EchoFigures echoPlain,
        BatchFigures batch, ProcessFigures processes, DemoTargets targets, List<Integer> sessionsPerMediaReactor,
        List<String> placementNotes) {

    /**
     * Builds a report and evaluates the targets.
     *
     * @param seconds the nominal sending time
     * @param sessions media sessions on each way
     * @param profile the session load
     * @param elapsedSeconds the measured run time
     * @param mediaWeft media, weft
     * @param mediaPlain media, plain JDK
     * @param echoWeft echo, weft
     * @param echoPlain echo, plain JDK
     * @param batch the UTS loop
     * @param processes the process tasks
     * @param sessionsPerMediaReactor sessions per media reactor
     * @param placementNotes placement notes
     * @return the report
     */
    static DemoReport of(final int seconds, final int sessions, final MediaProfile profile,
            final double elapsedSeconds, final MediaFigures mediaWeft, final MediaFigures mediaPlain,
            final EchoFigures echoWeft, final EchoFigures echoPlain, final BatchFigures batch,
            final ProcessFigures processes, final List<Integer> sessionsPerMediaReactor,
            final List<String> placementNotes) {
        return new DemoReport(seconds, sessions, profile, elapsedSeconds, mediaWeft, mediaPlain, echoWeft,
                echoPlain, batch, processes, DemoTargets.of(mediaWeft, mediaPlain, batch, processes),
                List.copyOf(sessionsPerMediaReactor), List.copyOf(placementNotes));
    }

    /**
     * Renders the report as one JSON object.
     *
     * @return the JSON text
     */
    public String json() {
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(this);
    }

    /**
     * Renders the side-by-side text report.
     *
     * @return the text, lines separated by {@code \n}
     */
    public String text() {
        final StringBuilder out = new StringBuilder();
        line(out, "weft demo: %d media sessions per way for %d s (%d packets/s of %d bytes each, weight %.1f), "
                + "elapsed %.1f s", sessions, seconds, profile.packetsPerSecond(), profile.payloadBytes(),
                profile.weight(), elapsedSeconds);
        line(out, "");
        line(out, "%-34s %14s %14s", "media sessions (seed 000)", "weft", "plain JDK");
        row(out, "packets sent", mediaWeft.sent(), mediaPlain.sent());
        row(out, "packets received", mediaWeft.received(), mediaPlain.received());
        row(out, "packets lost", mediaWeft.lost(), mediaPlain.lost());
        row(out, "packets reordered", mediaWeft.reordered(), mediaPlain.reordered());
        row(out, "pacing error p50 (us)", mediaWeft.pacingP50Micros(), mediaPlain.pacingP50Micros());
        row(out, "pacing error p99 (us)", mediaWeft.pacingP99Micros(), mediaPlain.pacingP99Micros());
        row(out, "pacing error max (us)", mediaWeft.pacingMaxMicros(), mediaPlain.pacingMaxMicros());
        row(out, "CPU per session (ms per s)", mediaWeft.cpuMillisPerSession(), mediaPlain.cpuMillisPerSession());
        line(out, "  weft sessions per media reactor (quota placement, 12 per reactor): %s", sessionsPerMediaReactor);
        line(out, "");
        line(out, "%-34s %14s %14s", "UDP echo (seed 001)", "weft", "plain JDK");
        row(out, "requests", echoWeft.requests(), echoPlain.requests());
        row(out, "replies", echoWeft.replies(), echoPlain.replies());
        row(out, "lost", echoWeft.lost(), echoPlain.lost());
        row(out, "round trip p50 (us)", echoWeft.rttP50Micros(), echoPlain.rttP50Micros());
        row(out, "round trip p99 (us)", echoWeft.rttP99Micros(), echoPlain.rttP99Micros());
        row(out, "round trip max (us)", echoWeft.rttMaxMicros(), echoPlain.rttMaxMicros());
        row(out, "server CPU (ms)", echoWeft.serverCpuNanos() / 1e6, echoPlain.serverCpuNanos() / 1e6);
        line(out, "");
        line(out, "batch fork-join (seed 004): UTS %s on %d workers: %d trees, %.2f trees/s, %s", batch.tree(),
                batch.workers(), batch.trees(), batch.treesPerSecond(), batch.wrong() == 0 ? "every answer correct"
                        : batch.wrong() + " WRONG (first: " + batch.firstWrongCounts() + ")");
        line(out, "process tasks (seed 003): %d submitted, %d outcomes %s; %s", processes.submitted(),
                processes.outcomes(), new TreeMap<String, Long>(processes.byKind()), processes.exactlyOnce()
                        ? "each exactly one outcome" : "NOT exactly once: " + processes.missing() + " missing, "
                        + processes.duplicated() + " duplicated, " + processes.unknown() + " unknown");
        line(out, "");
        line(out, "targets: pacing p99 weft/plain %.2f (<= 0.50: %s), weft loss %s, CPU per session weft/plain %.2f "
                + "(<= 1: %s)", targets.pacingP99Ratio(), met(targets.pacingMet()),
                targets.weftNoLoss() ? "none (met)" : mediaWeft.lost() + " (missed)", targets.cpuPerSessionRatio(),
                met(targets.cpuMet()));
        for (final String note : placementNotes) {
            line(out, "note: %s", note);
        }
        return out.toString();
    }

    private static String met(final boolean met) {
        return met ? "met" : "missed";
    }

    private static void row(final StringBuilder out, final String name, final long weft, final long plain) {
        line(out, "  %-32s %14d %14d", name, weft, plain);
    }

    private static void row(final StringBuilder out, final String name, final double weft, final double plain) {
        line(out, "  %-32s %14.1f %14.1f", name, weft, plain);
    }

    private static void line(final StringBuilder out, final String format, final Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

package dev.weft.cli.demo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's figures: media and echo of both ways side by side, the balancing phase, the batch throughput, the
 * process task outcomes, and the targets evaluated on them. {@link #text()} renders the side-by-side report,
 * {@link #json()} the same figures as one JSON object. Immutable: the lists are copied.
 *
 * @param seconds the nominal sending time
 * @param sessions steady media sessions on each way
 * @param surgeSessions sessions the load surge adds on each way
 * @param surgeSeconds how long the surge's sessions send
 * @param profile the load of one media session
 * @param elapsedSeconds the time from the start of sending to its end plus the grace for the last packets
 * @param mediaWeft media, weft
 * @param mediaPlain media, plain JDK
 * @param echoWeft echo, weft
 * @param echoPlain echo, plain JDK on a platform thread
 * @param echoVirtual echo, plain JDK on a virtual thread
 * @param echoCarried echo, the same blocking loop on a virtual thread carried by a weft strand; null where this JVM
 *     lets no strand carry virtual threads
 * @param batch the UTS loop
 * @param processes the process tasks
 * @param balancing the balancing phase of the weft media reactors
 * @param targets the demo's targets on these figures
 * @param sessionsPerMediaReactor how many weft sessions the quota placement first put on each media reactor
 * @param controlSocket the path the control socket was served on
 * @param reactorNice the nice value weft's media, sink and echo reactors were asked to run at (0: unchanged)
 * @param reactorScheduling the class the media and sink reactors were asked to take mid-warm-up ({@code fair}:
 * unchanged)
 * @param warmUpSeconds how long both ways sent before their packets were timed
 * @param placementNotes what the media reactors' placement could not apply (for example pinning), if anything
 * @param pacing how both ways' deadlines were laid out and how weft's transmitters paced them ({@link #PACING})
 * @param weftLeadMicros the weft transmitters' mean adaptive lead at the end of the run, µs
 * @param garbageCollector the JVM's garbage collectors, which stop both ways alike
 * @param heap how the JVM's heap was committed ({@link HeapCommitment}), which both ways share
 */
public record DemoReport(
        int seconds,
        int sessions,
        int surgeSessions,
        int surgeSeconds,
        MediaProfile profile,
        double elapsedSeconds,
        MediaFigures mediaWeft,
        MediaFigures mediaPlain,
        EchoFigures echoWeft,
        EchoFigures echoPlain,
        EchoFigures echoVirtual,
        EchoFigures echoCarried,
        BatchFigures batch,
        ProcessFigures processes,
        BalancingFigures balancing,
        DemoTargets targets,
        List<Integer> sessionsPerMediaReactor,
        String controlSocket,
        int reactorNice,
        String reactorScheduling,
        double warmUpSeconds,
        List<String> placementNotes,
        String pacing,
        double weftLeadMicros,
        String garbageCollector,
        String heap) {

    /** The pacing settings every run uses, as the report states them. */
    static final String PACING = "both ways' deadlines on one shared grid (epoch + k x interval); weft's "
            + "transmitters spin an adaptive lead (20-200 us, following late wake-ups up and broken spins down) "
            + "before each deadline";

    /**
     * Copies the lists.
     *
     * @param seconds the nominal sending time
     * @param sessions steady sessions
     * @param surgeSessions surge sessions
     * @param surgeSeconds surge time
     * @param profile the session load
     * @param elapsedSeconds the measured run time
     * @param mediaWeft media, weft
     * @param mediaPlain media, plain JDK
     * @param echoWeft echo, weft
     * @param echoPlain echo, platform thread
     * @param echoVirtual echo, virtual thread
     * @param echoCarried echo, virtual thread carried by a strand, or null
     * @param batch the UTS loop
     * @param processes the process tasks
     * @param balancing the balancing phase
     * @param targets the targets
     * @param sessionsPerMediaReactor sessions per media reactor
     * @param controlSocket the control socket's path
     * @param reactorNice the reactors' nice value
     * @param reactorScheduling the reactors' scheduling class
     * @param warmUpSeconds the warm-up
     * @param placementNotes placement notes
     * @param pacing the pacing settings
     * @param weftLeadMicros weft's mean lead
     * @param garbageCollector the garbage collectors
     * @param heap the heap's commitment
     */
    public DemoReport {
        sessionsPerMediaReactor = List.copyOf(sessionsPerMediaReactor);
        placementNotes = List.copyOf(placementNotes);
    }

    /**
     * Builds a report and evaluates the targets.
     *
     * @param config what ran
     * @param elapsedSeconds the measured run time
     * @param mediaWeft media, weft
     * @param mediaPlain media, plain JDK
     * @param echo the echo figures of every way
     * @param batch the UTS loop
     * @param processes the process tasks
     * @param balancing the balancing phase
     * @param sessionsPerMediaReactor sessions per media reactor
     * @param controlSocket the control socket's path
     * @param placementNotes placement notes
     * @param weftLeadMicros the weft transmitters' mean lead at the end, µs
     * @return the report
     */
    static DemoReport of(
            final DemoConfig config,
            final double elapsedSeconds,
            final MediaFigures mediaWeft,
            final MediaFigures mediaPlain,
            final EchoRuns.Figures echo,
            final BatchFigures batch,
            final ProcessFigures processes,
            final BalancingFigures balancing,
            final List<Integer> sessionsPerMediaReactor,
            final String controlSocket,
            final List<String> placementNotes,
            final double weftLeadMicros) {
        return new DemoReport(
                config.seconds(),
                config.sessions(),
                config.surgeSessions(),
                config.surgeSeconds(),
                config.profile(),
                elapsedSeconds,
                mediaWeft,
                mediaPlain,
                echo.weft(),
                echo.plain(),
                echo.virtual(),
                echo.carried(),
                batch,
                processes,
                balancing,
                DemoTargets.of(mediaWeft, mediaPlain, batch, processes),
                sessionsPerMediaReactor,
                controlSocket,
                config.reactorNice(),
                config.reactorScheduling().toString(),
                config.warmUp().toNanos() / 1e9,
                placementNotes,
                PACING,
                weftLeadMicros,
                garbageCollectors(),
                HeapCommitment.ofThisJvm());
    }

    private static String garbageCollectors() {
        final StringBuilder names = new StringBuilder();
        for (final GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.append(names.isEmpty() ? "" : ", ").append(bean.getName());
        }
        return names.isEmpty() ? "unknown" : names.toString();
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
        header(out);
        line(out, "");
        media(out);
        line(out, "");
        echo(out);
        line(out, "");
        balancing(out);
        line(out, "");
        workloads(out);
        line(out, "");
        targets(out);
        return out.toString();
    }

    private void header(final StringBuilder out) {
        line(
                out,
                "weft demo: %d media sessions per way for %d s, %d more from %.1f s for %d s (%d packets/s of %d "
                        + "bytes each, weight %.1f), elapsed %.1f s",
                sessions,
                seconds,
                surgeSessions,
                seconds / 4.0,
                surgeSeconds,
                profile.packetsPerSecond(),
                profile.payloadBytes(),
                profile.weight(),
                elapsedSeconds);
        line(
                out,
                "pacing: %s (weft's mean lead at the end: %.0f us); garbage collector: %s; heap: %s",
                pacing,
                weftLeadMicros,
                garbageCollector,
                heap);
        line(
                out,
                "timing: packets scheduled after a %.1f s warm-up, on both ways; weft's media and sink reactors "
                        + "asked to take scheduling class %s after half of it; media, sink and echo reactors at "
                        + "nice %d (the "
                        + "plain-JDK threads: fair, nice 0)",
                warmUpSeconds,
                reactorScheduling,
                reactorNice);
    }

    private void media(final StringBuilder out) {
        line(out, "%-34s %14s %14s", "media sessions (MTL)", "weft", "plain JDK");
        row(out, "packets sent", mediaWeft.sent(), mediaPlain.sent());
        row(out, "packets received", mediaWeft.received(), mediaPlain.received());
        row(out, "packets lost", mediaWeft.lost(), mediaPlain.lost());
        row(out, "packets reordered", mediaWeft.reordered(), mediaPlain.reordered());
        row(out, "pacing error p50 (us)", mediaWeft.pacingP50Micros(), mediaPlain.pacingP50Micros());
        row(out, "pacing error p99 (us)", mediaWeft.pacingP99Micros(), mediaPlain.pacingP99Micros());
        row(out, "pacing error max (us)", mediaWeft.pacingMaxMicros(), mediaPlain.pacingMaxMicros());
        row(out, "  of which sender late p50 (us)", mediaWeft.sendLateP50Micros(), mediaPlain.sendLateP50Micros());
        row(out, "  of which sender late p99 (us)", mediaWeft.sendLateP99Micros(), mediaPlain.sendLateP99Micros());
        row(out, "  send to read p50 (us)", mediaWeft.transitP50Micros(), mediaPlain.transitP50Micros());
        row(out, "  send to read p99 (us)", mediaWeft.transitP99Micros(), mediaPlain.transitP99Micros());
        row(out, "CPU per session (ms per s)", mediaWeft.cpuMillisPerSession(), mediaPlain.cpuMillisPerSession());
    }

    private void workloads(final StringBuilder out) {
        line(
                out,
                "batch fork-join (GTS): UTS %s on %d workers: %d trees, %.2f trees/s, %s",
                batch.tree(),
                batch.workers(),
                batch.trees(),
                batch.treesPerSecond(),
                batch.wrong() == 0
                        ? "every answer correct"
                        : batch.wrong() + " WRONG (first: " + batch.firstWrongCounts() + ")");
        line(
                out,
                "process tasks (Pantavisor): %d submitted, %d outcomes %s; %s",
                processes.submitted(),
                processes.outcomes(),
                new TreeMap<String, Long>(processes.byKind()),
                processes.exactlyOnce()
                        ? "each exactly one outcome"
                        : "NOT exactly once: " + processes.missing() + " missing, " + processes.duplicated()
                                + " duplicated, " + processes.unknown() + " unknown");
        line(out, "control socket: %s (served during the run, removed after it)", controlSocket);
    }

    private void targets(final StringBuilder out) {
        line(
                out,
                "targets: pacing p99 weft/plain %.2f (<= 0.50: %s), weft loss %s, CPU per session weft/plain %.2f "
                        + "(<= 1: %s)",
                targets.pacingP99Ratio(),
                met(targets.pacingMet()),
                targets.weftNoLoss() ? "none (met)" : mediaWeft.lost() + " (missed)",
                targets.cpuPerSessionRatio(),
                met(targets.cpuMet()));
        for (final String note : placementNotes) {
            line(out, "note: %s", note);
        }
    }

    private void echo(final StringBuilder out) {
        final List<EchoFigures> ways = Arrays.asList(echoWeft, echoPlain, echoVirtual, echoCarried);
        line(
                out,
                "%-34s %14s %14s %14s %14s",
                "UDP echo (OpenPerf)",
                "weft",
                "platform thr.",
                "virtual thr.",
                "vthr. on strand");
        echoRow(out, "requests", ways, echo -> String.valueOf(echo.requests()));
        echoRow(out, "replies", ways, echo -> String.valueOf(echo.replies()));
        echoRow(out, "lost", ways, echo -> String.valueOf(echo.lost()));
        echoRow(out, "round trip p50 (us)", ways, echo -> String.format(Locale.ROOT, "%.1f", echo.rttP50Micros()));
        echoRow(out, "round trip p99 (us)", ways, echo -> String.format(Locale.ROOT, "%.1f", echo.rttP99Micros()));
        echoRow(out, "round trip max (us)", ways, echo -> String.format(Locale.ROOT, "%.1f", echo.rttMaxMicros()));
        echoRow(out, "server CPU (ms)", ways, echo -> millis(echo.serverCpuNanos()));
    }

    /** One row of the echo table; a way that did not run (null) shows {@code n/a}. */
    private static void echoRow(
            final StringBuilder out,
            final String name,
            final List<EchoFigures> ways,
            final Function<EchoFigures, String> value) {
        final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-32s", name));
        for (final EchoFigures echo : ways) {
            row.append(String.format(Locale.ROOT, " %14s", echo == null ? "n/a" : value.apply(echo)));
        }
        line(out, "%s", row);
    }

    private void balancing(final StringBuilder out) {
        line(
                out,
                "balancing (SPDK): balancer '%s' every %d ms %s, %d rounds; quota placement (first fit, %d per "
                        + "reactor) first put the sessions %s",
                balancing.balancer(),
                balancing.periodMicros() / 1_000,
                new TreeMap<>(balancing.options()),
                balancing.rounds(),
                sessions,
                sessionsPerMediaReactor);
        line(out, "  %d strand moves:", balancing.moves().size());
        final int shown = Math.min(balancing.moves().size(), 12);
        for (final StrandMove move : balancing.moves().subList(0, shown)) {
            line(out, "    %6.2f s  %-16s reactor %d -> %d", move.atSeconds(), move.strand(), move.from(), move.to());
        }
        if (shown < balancing.moves().size()) {
            line(
                    out,
                    "    ... and %d more (--json lists them all)",
                    balancing.moves().size() - shown);
        }
        for (int r = 0; r < balancing.parkedSeconds().size(); r++) {
            line(
                    out,
                    "  media reactor %d parked %.1f s, using %.1f ms of CPU there",
                    r,
                    balancing.parkedSeconds().get(r),
                    balancing.parkedCpuMillis().get(r));
        }
        line(
                out,
                "  media reactors used %.2f s of CPU; polling they would have used %.1f s; parking saved %.1f s",
                balancing.reactorCpuSeconds(),
                balancing.pollingCpuSeconds(),
                balancing.savedCpuSeconds());
    }

    private static String millis(final long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String met(final boolean met) {
        return met ? "met" : "missed";
    }

    @SuppressWarnings("OrphanedFormatString") // the format is assembled here and applied by line()
    private static void row(final StringBuilder out, final String name, final long... values) {
        final StringBuilder format = new StringBuilder("  %-32s");
        final Object[] args = new Object[values.length + 1];
        args[0] = name;
        for (int i = 0; i < values.length; i++) {
            format.append(" %14d");
            args[i + 1] = values[i];
        }
        line(out, format.toString(), args);
    }

    @SuppressWarnings("OrphanedFormatString") // the format is assembled here and applied by line()
    private static void row(final StringBuilder out, final String name, final double... values) {
        final StringBuilder format = new StringBuilder("  %-32s");
        final Object[] args = new Object[values.length + 1];
        args[0] = name;
        for (int i = 0; i < values.length; i++) {
            format.append(" %14.1f");
            args[i + 1] = values[i];
        }
        line(out, format.toString(), args);
    }

    @SuppressWarnings("AnnotateFormatMethod") // formats are assembled at run time by row()
    private static void line(final StringBuilder out, final String format, final Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

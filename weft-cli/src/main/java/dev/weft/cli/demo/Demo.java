package dev.weft.cli.demo;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.DynamicBalancer;
import dev.weft.balance.QuotaPlacement;
import dev.weft.balance.QuotaPlacer;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.platform.WeftVersion;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorGroupBuilder;
import dev.weft.reactor.ReactorListener;
import dev.weft.reactor.Strand;
import dev.weft.rpc.methods.FailureLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One demo run: starts every workload and the control socket, changes the load halfway, reports progress once a
 * second, waits for the streams to end, stops everything and returns the {@link DemoReport}.
 *
 * <p>{@link #run} blocks its caller for the length of the run; every thread and worker process it starts is stopped,
 * and the control socket's file deleted, before it returns or throws. It throws {@link java.io.IOException} when a
 * socket cannot be opened or the control socket cannot be served on the given path. A reactor nice value or
 * scheduling class the process lacks the privilege for leaves the reactors as they are, and the report's notes say
 * why.
 */
public final class Demo {

    /*
     * Implementation overview
     *
     * Groups. Five reactor groups keep the accounts apart: demo-media (two reactors sending the media streams; new
     * strands placed by quota, MTL's first fit, and balanced by SPDK's dynamic balancer), demo-sink (two reactors, the
     * event-driven media receivers; see WeftMedia for why they are not with the senders), demo-echo (one reactor, the
     * event-driven echo service), demo-echo-vthread (one reactor, whose strand carries the blocking echo's virtual
     * thread; left out, with a note, where the JVM lacks the option that lets strands carry virtual threads) and
     * demo-control (one reactor, the process scheduler). The plain-JDK media and echo (a platform-thread and a
     * virtual-thread server) run at the same time, on their own threads, against the same load, so both ways see the
     * same machine. The UTS loop runs at a lower priority throughout. With
     * DemoConfig.reactorNice() set, weft's media, sink and echo reactors run at that nice value (ReactorPriority); the
     * plain-JDK threads cannot be given one, since the JDK ignores Thread.setPriority on Linux.
     *
     * Warm-up and scheduling class. Both ways time only the packets scheduled after DemoConfig.warmUp(). Halfway
     * through the warm-up, the reactors of the media path (media and sink) take DemoConfig.reactorScheduling(),
     * SCHED_FIFO by default, the way SPDK and DPDK run their pollers: a reactor that wakes for a deadline or a packet
     * then preempts the fair threads at once, where in the fair class it may wait for the running thread's slice to end
     * (up to a 4 ms tick). They take it only once their code is compiled and their classes loaded. The echo reactor
     * stays fair, so that fewer busy real-time threads than CPUs run and a fair JVM thread that one of them waits on (a
     * compiler, a lock holder) still gets a CPU (docs/DECISIONS.md, "real-time reactors and the JVM's fair threads").
     * Without the privilege the reactors stay in the fair class and the report's notes say why.
     *
     * Balancing phase. Each media reactor's quota is sized to the steady sessions (quota), so the placement fills the
     * first reactor with them and the second stays empty, parked in interrupt mode. A quarter into the run a surge of
     * DemoConfig.surgeSessions() more sessions starts on both ways, for half the run: the first reactor's quota is used
     * up, so the placement wakes the second one for them. Quota weights are worst-case estimates; the dynamic balancer
     * looks at measured load instead, finds every session idle (each well under load_limit), gathers the surge back on
     * the scheduling reactor and parks the second one again. A MoveLog sees every move and a ReactorTimeline samples
     * each media reactor's CPU four times a second, which give the moves and the CPU saved in the report.
     *
     * Control socket. While the workloads run, ControlSocket serves the media group (SPDK's and weft's methods and the
     * scheduler methods over its balancing round) on the given path; it is closed, and its file deleted, before the
     * groups stop.
     *
     * Ending. Every media stream and echo load sends a fixed number of packets, so the run waits (bounded by the run
     * time plus OVERRUN) until all have gone out, then GRACE for the last packets to land, then reads CPU times and
     * closes everything. A figure is only read after the thread that wrote it has stopped.
     */

    /** How long past the nominal end the run waits for the streams to finish sending. */
    static final Duration OVERRUN = Duration.ofSeconds(10);

    /** How long the last packets have to arrive once sending is done. */
    static final Duration GRACE = Duration.ofMillis(300);

    /**
     * The stuck-reactor threshold of the control and media reactors: starting worker processes and the first task's
     * JSON (loading the codec) on the control reactor, and the first balancing round (loading the balancer) on the
     * media reactor, take a tasklet past the default 100 ms on a loaded machine, which is expected there and would
     * only clutter the demo's output.
     */
    static final Duration STARTUP_WATCHDOG = Duration.ofSeconds(1);

    /** The balancing period of the media group, µs: two rounds a second, so that short runs see several. */
    static final long BALANCING_PERIOD_MICROS = 500_000;

    private static final int ECHO_BYTES = 64;
    private static final int MEDIA_REACTORS = 2;
    private static final int SINK_REACTORS = 2;
    private static final long SAMPLE_EVERY_NANOS = 250_000_000L;
    private static final int WEFT_SURGE_STREAM = 1_001;
    private static final int PLAIN_STREAM = 2_001;
    private static final int PLAIN_SURGE_STREAM = 3_001;

    private Demo() {}

    /**
     * Runs the demo.
     *
     * @param config what to run
     * @param socket the control socket's path
     * @param notice receives whole lines worth printing once (the control socket's path)
     * @param progress receives a progress line about once a second
     * @return the report
     * @throws IOException if a socket cannot be opened, or the control socket cannot be served on {@code socket}
     * @throws InterruptedException if interrupted
     */
    public static DemoReport run(
            final DemoConfig config, final Path socket, final Consumer<String> notice, final Consumer<String> progress)
            throws IOException, InterruptedException {
        final FailureLog failures = new FailureLog(64, ReactorListener.logging());
        final AtomicReference<MoveLog> moves = new AtomicReference<>();
        try (ReactorGroup media = startMedia(config, failures, moves);
                ReactorGroup sink = startGroup("demo-sink", SINK_REACTORS, null);
                ReactorGroup echo = startGroup("demo-echo", 1, null);
                ReactorGroup carriedEcho =
                        Strand.virtualThreadsSupported() ? startGroup("demo-echo-vthread", 1, null) : null;
                ReactorGroup control = startGroup("demo-control", 1, STARTUP_WATCHDOG);
                BalancingRound round = BalancingRound.start(
                        media,
                        BalancingConfig.builder()
                                .balancer(new DynamicBalancer())
                                .periodMicros(BALANCING_PERIOD_MICROS)
                                .build())) {
            final List<String> notes = new ArrayList<>(media.placementNotes());
            HeapCommitment.noteForThisJvm().ifPresent(notes::add);
            if (config.reactorNice() != 0) {
                notes.addAll(ReactorPriority.nice(
                        config.reactorNice(),
                        carriedEcho == null ? List.of(media, sink, echo) : List.of(media, sink, echo, carriedEcho)));
            }
            if (carriedEcho == null) {
                notes.add("the echo on virtual threads carried by a strand did not run: " + unsupported());
            }
            final ProcessStream processes =
                    ProcessStream.start(control, config.processWorkers(), config.processEvery(), config.hangTimeout());
            final BatchUts batch = BatchUts.start(config.tree(), config.treeAnswer(), config.utsWorkers());
            try (ControlSocket served = serve(socket, media, round, processes, failures, config.reactorScheduling())) {
                notice.accept("weft demo: control socket " + served.path() + " (watch from another terminal: "
                        + "./weft top -s " + served.path() + ", or ./weft rpc -s " + served.path()
                        + " framework_get_reactors)");
                final Groups groups = new Groups(media, sink, echo, carriedEcho, round, moves.get(), notes);
                return runWorkloads(config, progress, groups, processes, batch, served);
            } finally {
                batch.stop();
            }
        }
    }

    /** Starts the media group, whose quota placement is recorded in {@code moves} so that its moves are logged. */
    private static ReactorGroup startMedia(
            final DemoConfig config, final FailureLog failures, final AtomicReference<MoveLog> moves) {
        return ReactorGroup.builder()
                .name("demo-media")
                .reactors(MEDIA_REACTORS)
                .listener(failures)
                .watchdog(STARTUP_WATCHDOG)
                .defaultSleep(config.profile().interval())
                .placement(reactors -> {
                    final MoveLog log = new MoveLog(QuotaPlacement.of(QuotaPlacer.Choice.FIRST_FIT, quota(config))
                            .apply(reactors));
                    moves.set(log);
                    return log;
                })
                .build()
                .start();
    }

    /** Starts a group of the demo's own, with the given watchdog threshold or the default one ({@code null}). */
    private static ReactorGroup startGroup(final String name, final int reactors, final Duration watchdog) {
        final ReactorGroupBuilder builder = ReactorGroup.builder().name(name).reactors(reactors);
        if (watchdog != null) {
            builder.watchdog(watchdog);
        }
        return builder.build().start();
    }

    /**
     * Returns each media reactor's quota: the steady sessions' weight, so that the surge needs a second reactor.
     *
     * @param config the run
     * @return the quota in 1080p-equivalents
     */
    static double quota(final DemoConfig config) {
        return config.sessions() * config.profile().weight();
    }

    private static ControlSocket serve(
            final Path socket,
            final ReactorGroup media,
            final BalancingRound round,
            final ProcessStream processes,
            final FailureLog failures,
            final SchedulingPolicy reactors)
            throws IOException {
        try {
            return ControlSocket.start(
                    socket,
                    media,
                    round,
                    Optional.of(processes.scheduler()),
                    failures,
                    WeftVersion.current(),
                    reactors);
        } catch (final RuntimeException e) {
            throw new IOException(
                    "cannot serve the control socket on " + socket + ": " + e.getMessage()
                            + " (is another weft running there? choose another path with --socket)",
                    e);
        }
    }

    /** The reactor groups and balancing parts a run uses. */
    private record Groups(
            ReactorGroup media,
            ReactorGroup sink,
            ReactorGroup echo,
            ReactorGroup carriedEcho,
            BalancingRound round,
            MoveLog moves,
            List<String> notes) {}

    private static String unsupported() {
        try {
            Strand.of("probe").virtualThreads();
            return "unknown reason";
        } catch (final UnsupportedOperationException e) {
            return e.getMessage();
        }
    }

    private static DemoReport runWorkloads(
            final DemoConfig config,
            final Consumer<String> progress,
            final Groups groups,
            final ProcessStream processes,
            final BatchUts batch,
            final ControlSocket served)
            throws IOException, InterruptedException {
        final int seconds = config.seconds();
        final MediaProfile profile = config.profile();
        final long begin = System.nanoTime();
        final long timedFrom = begin + config.warmUp().toNanos();
        final long scheduleAt = begin + config.warmUp().toNanos() / 2;
        boolean scheduled = config.reactorScheduling().equals(SchedulingPolicy.fair());
        final ReactorTimeline timeline = new ReactorTimeline(groups.media().reactors(), begin);
        final WeftMedia weftMedia = WeftMedia.start(
                groups.media(), groups.sink(), config.sessions(), profile, seconds, 1, begin, timedFrom);
        final PlainMedia plainMedia =
                PlainMedia.start(config.sessions(), profile, seconds, PLAIN_STREAM, begin, timedFrom);
        final EchoRuns echoes =
                EchoRuns.start(groups.echo(), groups.carriedEcho(), config.echoPerSecond(), seconds, ECHO_BYTES);
        final long packets = profile.packetsIn(seconds) * config.sessions()
                + profile.packetsIn(config.surgeSeconds()) * config.surgeSessions();
        final long surgeAt = begin + TimeUnit.SECONDS.toNanos(seconds) / 4;
        boolean surged = false;
        final long deadline = begin + TimeUnit.SECONDS.toNanos(seconds) + OVERRUN.toNanos();
        long nextLine = begin + TimeUnit.SECONDS.toNanos(1);
        long nextSample = begin + SAMPLE_EVERY_NANOS;
        while (System.nanoTime() < deadline
                && !(surged
                        && weftMedia.sentSoFar() >= packets
                        && plainMedia.sentSoFar() >= packets
                        && echoes.doneSending())) {
            TimeUnit.MILLISECONDS.sleep(50);
            final long now = System.nanoTime();
            if (!scheduled && now >= scheduleAt) {
                scheduled = true;
                groups.notes()
                        .addAll(ReactorPriority.scheduling(
                                config.reactorScheduling(), List.of(groups.media(), groups.sink())));
            }
            if (!surged && now >= surgeAt) {
                surged = true;
                weftMedia.add(config.surgeSessions(), config.surgeSeconds(), WEFT_SURGE_STREAM);
                plainMedia.add(config.surgeSessions(), config.surgeSeconds(), PLAIN_SURGE_STREAM);
            }
            if (now >= nextSample) {
                nextSample += SAMPLE_EVERY_NANOS;
                timeline.sample();
            }
            if (now >= nextLine) {
                nextLine += TimeUnit.SECONDS.toNanos(1);
                progress.accept(progressLine(
                        now, begin, config, packets, groups, weftMedia, plainMedia, echoes, batch, processes, served));
            }
        }
        TimeUnit.NANOSECONDS.sleep(GRACE.toNanos());
        timeline.sample();
        return finish(config, begin, groups, timeline, weftMedia, plainMedia, echoes, processes, batch, served);
    }

    /** One line of progress, printed once a second during the run. */
    private static String progressLine(
            final long now,
            final long begin,
            final DemoConfig config,
            final long packets,
            final Groups groups,
            final WeftMedia weftMedia,
            final PlainMedia plainMedia,
            final EchoRuns echoes,
            final BatchUts batch,
            final ProcessStream processes,
            final ControlSocket served) {
        return String.format(
                "%3ds/%ds  media sent weft %d plain %d of %d | strand moves %d | "
                        + "echo replies %s | UTS %s trees %d | process tasks %d, outcomes %d | rpc %d",
                (now - begin) / 1_000_000_000L,
                config.seconds(),
                weftMedia.sentSoFar(),
                plainMedia.sentSoFar(),
                packets,
                groups.moves().count(),
                echoes.repliesSoFar(),
                config.treeName(),
                batch.treesSoFar(),
                processes.submittedSoFar(),
                processes.outcomesSoFar(),
                served.requests());
    }

    /** Stops every workload after the run and gathers its figures into the report. */
    private static DemoReport finish(
            final DemoConfig config,
            final long begin,
            final Groups groups,
            final ReactorTimeline timeline,
            final WeftMedia weftMedia,
            final PlainMedia plainMedia,
            final EchoRuns echoes,
            final ProcessStream processes,
            final BatchUts batch,
            final ControlSocket served)
            throws IOException, InterruptedException {
        final double elapsed = (System.nanoTime() - begin) / 1e9;
        final BalancingFigures balancing =
                timeline.figures(groups.round(), groups.moves().moves(begin));
        final double weftLead = weftMedia.meanLeadMicros();
        final MediaFigures weftFigures = weftMedia.finish();
        final MediaFigures plainFigures = plainMedia.finish();
        final EchoRuns.Figures echo = echoes.finish();
        final BatchFigures batchFigures = batch.finish(config.treeName());
        final ProcessFigures processFigures = processes.finish(Duration.ofSeconds(10));
        return DemoReport.of(
                config,
                elapsed,
                weftFigures,
                plainFigures,
                echo,
                batchFigures,
                processFigures,
                balancing,
                weftMedia.sessionsPerReactor(),
                served.path().toString(),
                groups.notes(),
                weftLead);
    }
}

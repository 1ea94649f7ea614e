package dev.weft.cli.demo;

import dev.weft.balance.QuotaPlacer;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One demo run: starts every workload, reports progress once a second, waits for the streams to end, stops
 * everything and returns the {@link DemoReport}.
 *
 * <p>Three reactor groups keep the accounts apart: {@code demo-media} (two reactors, media sessions placed by quota
 * with MTL's first fit, so the default eight sessions share the first reactor and the second one stays idle in
 * interrupt mode), {@code demo-echo} (one reactor, the event-driven echo service) and {@code demo-control} (one
 * reactor, the process scheduler). The plain-JDK media and echo run at the same time, on their own threads, against
 * the same load, so both ways see the same machine. The UTS loop runs at a lower priority throughout.
 *
 * <p>Ending: every media stream and echo load sends a fixed number of packets, so the run waits (bounded by the run
 * time plus {@link #OVERRUN}) until all have gone out, then {@link #GRACE} for the last packets to land, then reads
 * CPU times and closes everything. A figure is only read after the thread that wrote it has stopped.
 */
public final class Demo {

    /** How long past the nominal end the run waits for the streams to finish sending. */
    static final Duration OVERRUN = Duration.ofSeconds(10);

    /** How long the last packets have to arrive once sending is done. */
    static final Duration GRACE = Duration.ofMillis(300);

    /**
     * The stuck-reactor threshold of the control reactor: starting worker processes, and the first task's JSON
     * (loading the codec), take the process scheduler's tasklet past the default 100 ms on a loaded machine, which
     * is expected there and would only clutter the demo's output.
     */
    static final Duration CONTROL_WATCHDOG = Duration.ofSeconds(1);

    private static final int ECHO_BYTES = 64;
    private static final int MEDIA_REACTORS = 2;

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param config what to run
     * @param progress receives a progress line about once a second
     * @return the report
     * @throws IOException if a socket cannot be opened
     * @throws InterruptedException if interrupted
     */
    public static DemoReport run(final DemoConfig config, final Consumer<String> progress)
            throws IOException, InterruptedException {
        try (ReactorGroup media = ReactorGroup.builder().name("demo-media").reactors(MEDIA_REACTORS).build().start();
             ReactorGroup echo = ReactorGroup.builder().name("demo-echo").reactors(1).build().start();
             ReactorGroup control = ReactorGroup.builder().name("demo-control").reactors(1)
                     .watchdog(CONTROL_WATCHDOG).build().start()) {
            final ProcessStream processes = ProcessStream.start(control, config.processWorkers(),
                    config.processEvery(), config.hangTimeout());
            final BatchUts batch = BatchUts.start(config.tree(), config.treeAnswer(), config.utsWorkers());
            try {
                return runWorkloads(config, progress, media, echo, processes, batch);
            } finally {
                batch.stop();
            }
        }
    }

    private static DemoReport runWorkloads(final DemoConfig config, final Consumer<String> progress,
            final ReactorGroup media, final ReactorGroup echo, final ProcessStream processes, final BatchUts batch)
            throws IOException, InterruptedException {
        final EchoServers.Weft weftEcho = new EchoServers.Weft(echo);
        final EchoServers.Plain plainEcho = new EchoServers.Plain();
        final long weftEchoCpu0 = weftEcho.cpuNanos();
        final long plainEchoCpu0 = plainEcho.cpuNanos();
        final int seconds = config.seconds();
        final WeftMedia weftMedia = WeftMedia.start(media, placer(media), config.sessions(), config.profile(),
                seconds, 1);
        final PlainMedia plainMedia = PlainMedia.start(config.sessions(), config.profile(), seconds,
                1 + config.sessions());
        final EchoLoad weftLoad = EchoLoad.start("weft-echo", weftEcho.address(), config.echoPerSecond(), seconds,
                ECHO_BYTES);
        final EchoLoad plainLoad = EchoLoad.start("plain-echo", plainEcho.address(), config.echoPerSecond(),
                seconds, ECHO_BYTES);
        final long packets = config.profile().packetsIn(seconds) * config.sessions();
        final long start = System.nanoTime();
        final long deadline = start + TimeUnit.SECONDS.toNanos(seconds) + OVERRUN.toNanos();
        long nextLine = start + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline && !(weftMedia.sentSoFar() >= packets
                && plainMedia.sentSoFar() >= packets && weftLoad.doneSending() && plainLoad.doneSending())) {
            TimeUnit.MILLISECONDS.sleep(50);
            if (System.nanoTime() >= nextLine) {
                nextLine += TimeUnit.SECONDS.toNanos(1);
                progress.accept(String.format("%3ds/%ds  media sent weft %d plain %d of %d | echo replies weft %d "
                        + "plain %d | UTS %s trees %d | process tasks %d, outcomes %d",
                        (System.nanoTime() - start) / 1_000_000_000L, seconds, weftMedia.sentSoFar(),
                        plainMedia.sentSoFar(), packets, weftLoad.repliesSoFar(), plainLoad.repliesSoFar(),
                        config.treeName(), batch.treesSoFar(), processes.submittedSoFar(),
                        processes.outcomesSoFar()));
            }
        }
        TimeUnit.NANOSECONDS.sleep(GRACE.toNanos());
        final double elapsed = (System.nanoTime() - start) / 1e9;
        final MediaFigures weftFigures = weftMedia.finish();
        final MediaFigures plainFigures = plainMedia.finish();
        final long weftEchoCpu = weftEcho.cpuNanos();
        final long plainEchoCpu = plainEcho.cpuNanos();
        final EchoFigures weftEchoFigures = weftLoad.finish("weft",
                weftEchoCpu < 0 ? -1 : weftEchoCpu - weftEchoCpu0);
        final EchoFigures plainEchoFigures = plainLoad.finish("plain-jdk",
                plainEchoCpu < 0 ? -1 : plainEchoCpu - plainEchoCpu0);
        weftEcho.stop();
        plainEcho.stop();
        final BatchFigures batchFigures = batch.finish(config.treeName());
        final ProcessFigures processFigures = processes.finish(Duration.ofSeconds(10));
        return DemoReport.of(seconds, config.sessions(), config.profile(), elapsed,
                weftFigures, plainFigures, weftEchoFigures, plainEchoFigures, batchFigures, processFigures,
                weftMedia.sessionsPerReactor(), media.placementNotes());
    }

    private static QuotaPlacer placer(final ReactorGroup group) {
        final List<QuotaPlacer.Slot> slots = new ArrayList<>();
        for (final Reactor reactor : group.reactors()) {
            slots.add(new QuotaPlacer.Slot(reactor.index(), reactor.cpu(), Math.max(0, reactor.numaNode()),
                    QuotaPlacer.DEFAULT_LIMIT, false));
        }
        return new QuotaPlacer(slots, QuotaPlacer.Choice.FIRST_FIT);
    }
}

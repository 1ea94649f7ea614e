package dev.weft.cli.demo;

import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.pipeline.PacedItem;
import dev.weft.reactor.pipeline.PacedPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Media sessions the weft way (MTL's design): each session is a sending {@link Strand} of weight
 * {@link MediaProfile#weight()} on the media group, placed by the group's quota placement, holding a
 * {@link PacedPipeline} (builder, JCTools SPSC ring, transmitter) whose transmitter writes each packet to a
 * non-blocking UDP socket on loopback when its deadline comes; and a receiving strand on the sink group, whose
 * event-driven task reads and stamps each packet as it lands.
 *
 * <p>Every stream has a fixed packet count ({@code rate × seconds}), so sending ends by itself; sessions can be added
 * while the others run ({@link #add}: the demo's load surge). {@link #start}, {@link #add} and {@link #finish} are
 * called by one thread; {@link #sentSoFar} and {@link #meanLeadMicros} may be read racily from another. {@link #finish}
 * reads both groups' reactor CPU time and closes the strands, after which the receivers' single-writer figures are safe
 * to read from the caller's thread. A write that the socket refuses (buffer full) is a packet sent and lost, as on a
 * wire; a socket that cannot be opened or closed is an {@link IOException}.
 */
final class WeftMedia {

    /*
     * Implementation overview
     *
     * Why two groups. A reactor that has channels registered waits in java.nio.channels.Selector with millisecond
     * resolution, so a transmitter sharing a reactor with a receiver would wake up to a millisecond late for its next
     * deadline; the sending reactors hold no channel and sleep with parkNanos at a 1 µs timer slack. The receivers,
     * which wait for readiness rather than for a time, lose nothing in the selector, and being on a reactor of their
     * own they stamp a packet as soon as it lands instead of after another session's send. The sink reactor sleeps in
     * its selector, wakes when a packet is readable, and the handler drains the socket, stamping each packet as it
     * reads it.
     *
     * Shared deadlines. Every session paces off one epoch, as MTL paces the sessions of one rate: its pipeline's
     * deadlines lie on the grid epoch + k × interval (see dev.weft.reactor.pipeline.BuilderTasklet), including the
     * surge's sessions, which join the grid where it stands. The sessions on one reactor therefore share every
     * deadline: the reactor wakes once per deadline (the media group's default sleep is one packet interval,
     * ReactorGroupBuilder.defaultSleep, where MTL's 1 ms cap would wake it four times per deadline) and its
     * transmitters' spin before it (an adaptive lead, see dev.weft.reactor.pipeline.TransmitterTasklet) serves them
     * all, which is what cuts the weft way's CPU per session; the packets of one deadline then go out back to back. The
     * plain-JDK way gets the same grid (PlainMedia), so both ways are measured against the same schedule.
     *
     * Every receiving socket asks for MediaProfile.RECEIVE_BUFFER_BYTES. The sink group's reactors take the receivers
     * round-robin, so packets that land together are read on two threads. The close futures of finish() completing is
     * what publishes the receivers' figures to the caller.
     */

    private final ReactorGroup group;
    private final ReactorGroup sink;
    private final MediaProfile profile;
    private final long epochNanos;
    private final long timedFromNanos;
    private final List<Strand> strands = new ArrayList<>();
    private final List<StreamReceiver> receivers = new ArrayList<>();
    private final List<PacedPipeline> pipelines = new ArrayList<>();
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final int[] sessionsPerReactor;
    private final long cpuBefore;
    private long sessionSeconds;

    private WeftMedia(
            final ReactorGroup group,
            final ReactorGroup sink,
            final MediaProfile profile,
            final long epochNanos,
            final long timedFromNanos) {
        this.group = group;
        this.sink = sink;
        this.profile = profile;
        this.epochNanos = epochNanos;
        this.timedFromNanos = timedFromNanos;
        this.sessionsPerReactor = new int[group.reactors().size()];
        this.cpuBefore = reactorCpu(group, sink);
    }

    /**
     * Starts the sessions on started reactor groups.
     *
     * @param group the sending reactors, placing new strands by quota
     * @param sink the receiving reactors
     * @param sessions how many sessions
     * @param profile the load of each
     * @param seconds how long each sends
     * @param firstStream the stream id of the first session
     * @param epochNanos the {@link System#nanoTime()} value every session's deadlines are counted from
     * @param timedFromNanos the {@link System#nanoTime()} value from which scheduled packets are timed
     * @return the running sessions
     * @throws IOException if a socket cannot be opened
     */
    static WeftMedia start(
            final ReactorGroup group,
            final ReactorGroup sink,
            final int sessions,
            final MediaProfile profile,
            final int seconds,
            final int firstStream,
            final long epochNanos,
            final long timedFromNanos)
            throws IOException {
        final WeftMedia media = new WeftMedia(group, sink, profile, epochNanos, timedFromNanos);
        media.add(sessions, seconds, firstStream);
        return media;
    }

    /**
     * Adds sessions while the others run; returns once they are installed. Called by one thread only.
     *
     * @param sessions how many sessions
     * @param seconds how long each sends
     * @param firstStream the stream id of the first
     * @throws IOException if a socket cannot be opened
     */
    void add(final int sessions, final int seconds, final int firstStream) throws IOException {
        final List<CompletableFuture<?>> started = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            started.add(startSession(firstStream + i, seconds));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        sessionSeconds += (long) sessions * seconds;
    }

    private CompletableFuture<?> startSession(final int stream, final int seconds) throws IOException {
        final DatagramChannel in = DatagramChannel.open()
                .setOption(StandardSocketOptions.SO_RCVBUF, MediaProfile.RECEIVE_BUFFER_BYTES)
                .bind(new InetSocketAddress("127.0.0.1", 0));
        in.configureBlocking(false);
        channels.add(in);
        final DatagramChannel out = DatagramChannel.open().connect(in.getLocalAddress());
        out.configureBlocking(false);
        channels.add(out);
        final Strand sender =
                Strand.builder("media-" + stream).weight(profile.weight()).build();
        final Strand receiving = Strand.builder("media-rx-" + stream).weight(0).build();
        final StreamReceiver receiver = new StreamReceiver(stream, timedFromNanos);
        final ByteBuffer outBuffer = ByteBuffer.allocateDirect(profile.payloadBytes());
        final ByteBuffer inBuffer = ByteBuffer.allocateDirect(8_192);
        final PacedPipeline pipeline = new PacedPipeline(
                "media-" + stream,
                64,
                profile.packetsIn(seconds),
                profile.interval(),
                epochNanos,
                item -> send(out, outBuffer, stream, item));
        strands.add(sender);
        strands.add(receiving);
        receivers.add(receiver);
        pipelines.add(pipeline);
        receiving.register(in, registration -> {
            while (true) {
                inBuffer.clear();
                if (in.receive(inBuffer) == null) {
                    return 0;
                }
                final long arrival = System.nanoTime();
                inBuffer.flip();
                receiver.accept(inBuffer, arrival);
            }
        });
        return sink.add(receiving).thenCompose(ignored -> group.add(sender)).thenCompose(reactor -> {
            synchronized (sessionsPerReactor) {
                sessionsPerReactor[reactor.index()]++;
            }
            return pipeline.install(sender);
        });
    }

    private void send(final DatagramChannel out, final ByteBuffer buffer, final int stream, final PacedItem item) {
        Packet.write(buffer, profile.payloadBytes(), stream, item.sequence(), item.deadlineNanos(), System.nanoTime());
        try {
            out.write(buffer);
        } catch (final IOException e) {
            throw new UncheckedIOException("media stream " + stream + " could not send packet " + item.sequence(), e);
        }
    }

    /**
     * How many sessions the quota placement first put on each sending reactor, by reactor index (before any
     * balancer move).
     *
     * @return the session counts
     */
    List<Integer> sessionsPerReactor() {
        final List<Integer> counts = new ArrayList<>();
        synchronized (sessionsPerReactor) {
            for (final int count : sessionsPerReactor) {
                counts.add(count);
            }
        }
        return List.copyOf(counts);
    }

    /**
     * The transmitters' mean lead so far (how long before a deadline they keep their reactor awake), read racily.
     *
     * @return the mean lead in microseconds, 0 before any session
     */
    double meanLeadMicros() {
        long total = 0;
        for (final PacedPipeline pipeline : pipelines) {
            total += pipeline.transmitter().leadNanos();
        }
        return pipelines.isEmpty() ? 0 : total / 1e3 / pipelines.size();
    }

    /**
     * Packets the transmitters have sent so far; a progress figure, read racily from another thread.
     *
     * @return packets sent, approximately
     */
    long sentSoFar() {
        long sent = 0;
        for (final PacedPipeline pipeline : pipelines) {
            sent += pipeline.transmitter().sent();
        }
        return sent;
    }

    /**
     * Reads the CPU spent, closes the sessions and returns the figures; call once the streams have had time to end
     * and their last packets to arrive.
     *
     * @return the weft way's figures
     * @throws IOException if a socket fails to close
     */
    MediaFigures finish() throws IOException {
        final long cpu = reactorCpu(group, sink);
        final List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (final Strand strand : strands) {
            closed.add(strand.close());
        }
        CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new))
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        for (final DatagramChannel channel : channels) {
            channel.close();
        }
        long sent = 0;
        for (final PacedPipeline pipeline : pipelines) {
            sent += pipeline.transmitter().sent();
        }
        return MediaFigures.of(
                "weft", receivers, sent, cpu < 0 || cpuBefore < 0 ? -1 : cpu - cpuBefore, sessionSeconds);
    }

    private static long reactorCpu(final ReactorGroup... groups) {
        long total = 0;
        for (final ReactorGroup each : groups) {
            for (final Reactor reactor : each.reactors()) {
                final ReactorStats stats = reactor.stats();
                if (stats.userCpuNanos() < 0 || stats.systemCpuNanos() < 0) {
                    return -1;
                }
                total += stats.userCpuNanos() + stats.systemCpuNanos();
            }
        }
        return total;
    }
}

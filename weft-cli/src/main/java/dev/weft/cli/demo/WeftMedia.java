package dev.weft.cli.demo;

import dev.weft.balance.QuotaPlacer;
import dev.weft.platform.CpuSet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.pipeline.PacedItem;
import dev.weft.reactor.pipeline.PacedPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Media sessions the weft way (seed 000): each session is a {@link Strand} of weight {@link MediaProfile#weight()}
 * placed by a {@link QuotaPlacer} (MTL's first fit, 12 1080p-equivalents per reactor), holding a
 * {@link PacedPipeline} (builder, JCTools SPSC ring, transmitter) whose transmitter writes each packet to a
 * non-blocking UDP socket on loopback when its deadline comes, and an event-driven receiver: the receiving socket is
 * registered on the same strand, so a sleeping reactor wakes when a packet is readable and the handler drains the
 * socket, stamping each packet as it reads it.
 *
 * <p>Every stream has a fixed packet count ({@code rate × seconds}), so sending ends by itself; {@link #finish}
 * then reads the reactors' CPU time and closes the strands, after which (the close futures completing) the
 * receivers' single-writer figures are safe to read from the caller's thread. A write that the socket refuses
 * (buffer full) is a packet sent and lost, as on a wire.
 */
final class WeftMedia {

    private final ReactorGroup group;
    private final MediaProfile profile;
    private final int seconds;
    private final List<Strand> strands = new ArrayList<>();
    private final List<StreamReceiver> receivers = new ArrayList<>();
    private final List<PacedPipeline> pipelines = new ArrayList<>();
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final int[] sessionsPerReactor;
    private final long cpuBefore;

    private WeftMedia(final ReactorGroup group, final MediaProfile profile, final int seconds) {
        this.group = group;
        this.profile = profile;
        this.seconds = seconds;
        this.sessionsPerReactor = new int[group.reactors().size()];
        this.cpuBefore = reactorCpu(group);
    }

    /**
     * Starts the sessions on a started reactor group.
     *
     * @param group the media reactors
     * @param placer the quota placer over the group's reactors (ids are reactor indices)
     * @param sessions how many sessions
     * @param profile the load of each
     * @param seconds how long each sends
     * @param firstStream the stream id of the first session
     * @return the running sessions
     * @throws IOException if a socket cannot be opened
     */
    static WeftMedia start(final ReactorGroup group, final QuotaPlacer placer, final int sessions,
            final MediaProfile profile, final int seconds, final int firstStream) throws IOException {
        final WeftMedia media = new WeftMedia(group, profile, seconds);
        final List<CompletableFuture<?>> started = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            started.add(media.startSession(placer, firstStream + i));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
        return media;
    }

    private CompletableFuture<?> startSession(final QuotaPlacer placer, final int stream) throws IOException {
        final DatagramChannel in = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        channels.add(in);
        final DatagramChannel out = DatagramChannel.open().connect(in.getLocalAddress());
        out.configureBlocking(false);
        channels.add(out);
        final Strand strand = Strand.builder("media-" + stream).weight(profile.weight()).build();
        final Reactor reactor = group.reactor(placer.place(profile.weight(), -1, CpuSet.empty()));
        sessionsPerReactor[reactor.index()]++;
        final StreamReceiver receiver = new StreamReceiver(stream);
        final ByteBuffer outBuffer = ByteBuffer.allocateDirect(profile.payloadBytes());
        final ByteBuffer inBuffer = ByteBuffer.allocateDirect(8_192);
        final PacedPipeline pipeline = new PacedPipeline("media-" + stream, 64, profile.packetsIn(seconds),
                profile.interval(), item -> send(out, outBuffer, stream, item));
        strands.add(strand);
        receivers.add(receiver);
        pipelines.add(pipeline);
        strand.register(in, registration -> {
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
        return group.add(strand, reactor).thenCompose(placed -> pipeline.install(strand));
    }

    private void send(final DatagramChannel out, final ByteBuffer buffer, final int stream, final PacedItem item) {
        Packet.write(buffer, profile.payloadBytes(), stream, item.sequence(), item.deadlineNanos());
        try {
            out.write(buffer);
        } catch (final IOException e) {
            throw new UncheckedIOException("media stream " + stream + " could not send packet " + item.sequence(), e);
        }
    }

    /**
     * How many sessions the quota placer put on each reactor, by reactor index.
     *
     * @return the session counts
     */
    List<Integer> sessionsPerReactor() {
        final List<Integer> counts = new ArrayList<>();
        for (final int count : sessionsPerReactor) {
            counts.add(count);
        }
        return List.copyOf(counts);
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
        final long cpu = reactorCpu(group);
        final List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (final Strand strand : strands) {
            closed.add(strand.close());
        }
        CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
        for (final DatagramChannel channel : channels) {
            channel.close();
        }
        long sent = 0;
        for (final PacedPipeline pipeline : pipelines) {
            sent += pipeline.transmitter().sent();
        }
        return MediaFigures.of("weft", receivers, sent, cpu < 0 || cpuBefore < 0 ? -1 : cpu - cpuBefore, seconds);
    }

    private static long reactorCpu(final ReactorGroup group) {
        long total = 0;
        for (final ReactorStats stats : group.snapshot().reactors()) {
            if (stats.userCpuNanos() < 0 || stats.systemCpuNanos() < 0) {
                return -1;
            }
            total += stats.userCpuNanos() + stats.systemCpuNanos();
        }
        return total;
    }
}

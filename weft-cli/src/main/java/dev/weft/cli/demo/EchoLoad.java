package dev.weft.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The load generator of the echo service, the same for both ways so that only the server differs: one platform
 * thread sends a fixed number of requests at a steady rate (parking until each one's time), each stamped with its
 * send time, and another thread blocks on the replies and records each round trip in an HdrHistogram.
 *
 * <p>Both counters and the histogram have one writer each; {@link #finish} closes the socket and joins both threads
 * before it reads them.
 */
final class EchoLoad {

    private final DatagramChannel channel;
    private final Thread sender;
    private final Thread receiver;
    private final Histogram roundTrips = new Histogram(60_000_000_000L, 3);
    private final long requests;
    private volatile long sent;
    private volatile long replies;

    private EchoLoad(
            final String name, final SocketAddress server, final int perSecond, final int seconds, final int size)
            throws IOException {
        this.channel = DatagramChannel.open()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .connect(server);
        this.requests = (long) perSecond * seconds;
        final long interval = 1_000_000_000L / perSecond;
        this.sender = new Thread(() -> send(interval, size), name + "-load-send");
        this.receiver = new Thread(this::receive, name + "-load-receive");
        sender.setDaemon(true);
        receiver.setDaemon(true);
    }

    /**
     * Starts loading a server.
     *
     * @param name the load's name, for its threads
     * @param server the echo server's address
     * @param perSecond requests a second
     * @param seconds how long to send
     * @param size the request size in bytes
     * @return the running load
     * @throws IOException if the socket cannot be opened
     */
    static EchoLoad start(
            final String name, final SocketAddress server, final int perSecond, final int seconds, final int size)
            throws IOException {
        final EchoLoad load = new EchoLoad(name, server, perSecond, seconds, size);
        load.receiver.start();
        load.sender.start();
        return load;
    }

    private void send(final long interval, final int size) {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        final long start = System.nanoTime();
        try {
            for (long n = 0; n < requests; n++) {
                final long due = start + n * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                final long now = System.nanoTime();
                Packet.write(buffer, size, 0, n, now, now);
                channel.write(buffer);
                sent = n + 1;
            }
        } catch (final AsynchronousCloseException e) {
            return;
        } catch (final IOException e) {
            throw new UncheckedIOException("echo load could not send", e);
        }
    }

    private void receive() {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(8_192);
        long count = 0;
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                final long now = System.nanoTime();
                buffer.flip();
                if (Packet.valid(buffer)) {
                    roundTrips.recordValue(Math.min(60_000_000_000L, Math.max(0, now - Packet.scheduledNanos(buffer))));
                    replies = ++count;
                }
            }
        } catch (final AsynchronousCloseException e) {
            return;
        } catch (final IOException e) {
            throw new UncheckedIOException("echo load could not receive", e);
        }
    }

    /**
     * Whether every request has gone out.
     *
     * @return true once the sender has sent them all
     */
    boolean doneSending() {
        return sent == requests;
    }

    /**
     * Replies so far, for the progress line.
     *
     * @return replies received
     */
    long repliesSoFar() {
        return replies;
    }

    /**
     * Stops the load and returns its figures.
     *
     * @param way the server's way
     * @param serverCpuNanos the server's CPU time, or -1
     * @return the echo figures
     * @throws IOException if the socket fails to close
     * @throws InterruptedException if interrupted while joining
     */
    EchoFigures finish(final String way, final long serverCpuNanos) throws IOException, InterruptedException {
        channel.close();
        sender.join(TimeUnit.SECONDS.toMillis(10));
        receiver.join(TimeUnit.SECONDS.toMillis(10));
        final boolean any = roundTrips.getTotalCount() > 0;
        return new EchoFigures(
                way,
                sent,
                replies,
                sent - replies,
                any ? roundTrips.getValueAtPercentile(50) / 1e3 : 0,
                any ? roundTrips.getValueAtPercentile(99) / 1e3 : 0,
                any ? roundTrips.getMaxValue() / 1e3 : 0,
                serverCpuNanos);
    }
}

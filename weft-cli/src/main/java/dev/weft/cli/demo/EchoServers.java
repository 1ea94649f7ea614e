package dev.weft.cli.demo;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The two UDP echo servers of the demo.
 *
 * <p>{@link Weft}: OpenPerf's event-driven task. The server socket is registered on a strand of a reactor group of
 * its own; the reactor sleeps in its selector until a request is readable, and the handler drains the socket,
 * sending each datagram back to its source without blocking. {@link Plain}: a thread blocked in {@code receive}
 * that sends each request back, the classic blocking server, on a platform thread or (JDK 21's answer to blocking
 * servers) on a virtual thread, which parks in {@code receive} and leaves its carrier free while no request is
 * there. The JVM measures no CPU time for a virtual thread, so the virtual server's CPU is reported as -1.
 * {@link Carried}: the same blocking loop on a virtual thread carried by a weft strand
 * ({@link Strand#virtualThreads()}), on a reactor group of its own, whose reactor's CPU time is the server's. Every
 * server's socket asks for the media receivers' {@link MediaProfile#RECEIVE_BUFFER_BYTES}, so that a server the
 * shared machine holds off the CPU for a while drops no request.
 */
final class EchoServers {

    private EchoServers() {}

    /** A UDP echo server that can report its CPU time and stop. */
    interface Server {
        /**
         * Returns the address it listens on.
         *
         * @return the address
         */
        SocketAddress address();

        /**
         * Returns the CPU time its threads have used.
         *
         * @return nanoseconds, or -1 where unmeasured
         */
        long cpuNanos();

        /**
         * Stops serving and closes the socket.
         *
         * @throws IOException if the socket fails to close
         * @throws InterruptedException if interrupted while stopping
         */
        void stop() throws IOException, InterruptedException;
    }

    /** The event-driven echo service on a reactor. */
    static final class Weft implements Server {
        private final ReactorGroup group;
        private final DatagramChannel channel;
        private final Strand strand;

        Weft(final ReactorGroup group) throws IOException {
            this.group = group;
            this.channel = open();
            this.strand = Strand.of("echo");
            final ByteBuffer buffer = ByteBuffer.allocateDirect(8_192);
            strand.register(channel, registration -> echo(buffer));
            group.add(strand).join();
        }

        private int echo(final ByteBuffer buffer) throws IOException {
            while (true) {
                buffer.clear();
                final SocketAddress from = channel.receive(buffer);
                if (from == null) {
                    return 0;
                }
                buffer.flip();
                channel.send(buffer, from);
            }
        }

        @Override
        public SocketAddress address() {
            return localAddress(channel);
        }

        @Override
        public long cpuNanos() {
            return reactorCpuNanos(group);
        }

        @Override
        public void stop() throws IOException {
            final CompletableFuture<Void> closed = strand.close();
            closed.join();
            channel.close();
        }
    }

    /** The blocking echo server on a virtual thread carried by a strand of its own reactor group. */
    static final class Carried implements Server {
        private final ReactorGroup group;
        private final DatagramChannel channel;
        private final Strand strand;
        private final Thread thread;

        /**
         * Starts the server on a strand of the group.
         *
         * @param group the server's own reactor group, whose reactors' CPU time is the server's
         * @throws IOException if the socket cannot be opened
         * @throws UnsupportedOperationException if strands cannot carry virtual threads in this JVM
         */
        Carried(final ReactorGroup group) throws IOException {
            this.group = group;
            this.strand = Strand.of("echo-vthread");
            group.add(strand).join();
            this.channel = open();
            this.thread = strand.virtualThreads().name("carried-echo").start(() -> Plain.serve(channel));
        }

        @Override
        public SocketAddress address() {
            return localAddress(channel);
        }

        @Override
        public long cpuNanos() {
            return reactorCpuNanos(group);
        }

        @Override
        public void stop() throws InterruptedException, IOException {
            channel.close();
            thread.join(10_000);
            strand.close().join();
        }
    }

    /** The blocking echo server on a platform or a virtual thread. */
    static final class Plain implements Server {
        private final DatagramChannel channel;
        private final Thread thread;

        /**
         * Starts the server.
         *
         * @param virtual true for a virtual thread, false for a platform thread
         * @throws IOException if the socket cannot be opened
         */
        Plain(final boolean virtual) throws IOException {
            this.channel = open();
            this.thread = virtual
                    ? Thread.ofVirtual().name("plain-echo-virtual").start(() -> serve(channel))
                    : Thread.ofPlatform().daemon().name("plain-echo").start(() -> serve(channel));
        }

        /** Echoes every datagram back to its sender, blocking in {@code receive}, until the channel is closed. */
        static void serve(final DatagramChannel channel) {
            final ByteBuffer buffer = ByteBuffer.allocateDirect(8_192);
            try {
                while (true) {
                    buffer.clear();
                    final SocketAddress from = channel.receive(buffer);
                    buffer.flip();
                    channel.send(buffer, from);
                }
            } catch (final AsynchronousCloseException e) {
                return;
            } catch (final IOException e) {
                throw new UncheckedIOException("plain echo server failed", e);
            }
        }

        @Override
        public SocketAddress address() {
            return localAddress(channel);
        }

        @Override
        public long cpuNanos() {
            return thread.isVirtual() ? -1 : CpuClock.nanos(List.of(thread));
        }

        @Override
        public void stop() throws IOException, InterruptedException {
            channel.close();
            thread.join(10_000);
        }
    }

    private static DatagramChannel open() throws IOException {
        return DatagramChannel.open()
                .setOption(StandardSocketOptions.SO_RCVBUF, MediaProfile.RECEIVE_BUFFER_BYTES)
                .bind(new InetSocketAddress("127.0.0.1", 0));
    }

    private static SocketAddress localAddress(final DatagramChannel channel) {
        try {
            return channel.getLocalAddress();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the user and system CPU time of the group's reactor threads, or -1 where unmeasured. */
    private static long reactorCpuNanos(final ReactorGroup group) {
        long total = 0;
        final List<ReactorStats> reactors = group.snapshot().reactors();
        for (final ReactorStats stats : reactors) {
            if (stats.userCpuNanos() < 0) {
                return -1;
            }
            total += stats.userCpuNanos() + stats.systemCpuNanos();
        }
        return total;
    }
}

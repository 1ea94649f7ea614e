package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationTest {

    private final RecordingListener listener = new RecordingListener();
    private ReactorGroup group;

    @AfterEach
    void stop() {
        if (group != null) {
            group.close();
        }
    }

    private Strand placed(final String name, final int reactor) throws Exception {
        final Strand strand = Strand.of(name);
        group.add(strand, group.reactor(reactor)).get(10, TimeUnit.SECONDS);
        return strand;
    }

    @Test
    void aPipeWakesAnInterruptModeReactorAndANonZeroReturnUnregisters() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("pipe", 0);
        final Pipe pipe = Pipe.open();
        final List<Byte> received = new CopyOnWriteArrayList<>();
        final CountDownLatch deleted = new CountDownLatch(1);
        final Registration registration = strand.register(
                pipe.source(),
                java.nio.channels.SelectionKey.OP_READ,
                r -> {
                    final ByteBuffer buffer = ByteBuffer.allocate(16);
                    pipe.source().read(buffer);
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        received.add(buffer.get());
                    }
                    return received.contains((byte) 3) ? 1 : 0;
                },
                () -> {
                    closeQuietly(pipe.source());
                    deleted.countDown();
                });
        await().atMost(Duration.ofSeconds(10)).until(registration::isActive);
        await().atMost(Duration.ofSeconds(30)).until(() -> group.reactor(0).isSleeping());
        final long wakeupsBefore = group.reactor(0).stats().wakeups();
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2}));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(group.reactor(0).stats().wakeups())
                .as("a ready channel ended the sleep early")
                .isGreaterThan(wakeupsBefore);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {3}));
        assertThat(deleted.await(10, TimeUnit.SECONDS)).isTrue();
        registration.deleted().get(10, TimeUnit.SECONDS);
        assertThat(registration.isActive()).isFalse();
        assertThat(received).containsExactly((byte) 1, (byte) 2, (byte) 3);
        assertThat(pipe.source().isOpen()).isFalse();
        pipe.sink().close();
    }

    @Test
    void sleepsUnderAMillisecondParkEvenWithAChannelAndLongerOnesSelect() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Reactor reactor = group.reactor(0);
        final Strand strand = placed("naps", 0);
        final Pipe pipe = Pipe.open();
        final CountDownLatch read = new CountDownLatch(1);
        strand.register(pipe.source(), r -> {
            pipe.source().read(ByteBuffer.allocate(16));
            read.countDown();
            return 0;
        });
        final Tasklet napper = Tasklet.of("napper", () -> 0);
        napper.adviceSleepMicros(400);
        strand.add(napper).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> reactor.isSleeping() && !reactor.selecting());
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(read.await(10, TimeUnit.SECONDS))
                .as("a nap still lets the channel be served")
                .isTrue();
        napper.adviceSleepMicros(0);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(1))
                .until(reactor::selecting);
        pipe.sink().close();
        pipe.source().close();
    }

    @Test
    void udpTcpAndUnixChannelsAllDeliver(@TempDir final Path dir) throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("net", 0);
        final CountDownLatch udp = new CountDownLatch(1);
        final DatagramChannel datagram =
                DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        strand.register(datagram, r -> {
            datagram.receive(ByteBuffer.allocate(64));
            udp.countDown();
            return 0;
        });
        final CountDownLatch tcp = new CountDownLatch(1);
        final ServerSocketChannel server =
                ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        strand.register(server, r -> {
            final SocketChannel accepted = server.accept();
            if (accepted != null) {
                accepted.close();
                tcp.countDown();
            }
            return 0;
        });
        final Path socket = dir.resolve("weft.sock");
        final CountDownLatch unix = new CountDownLatch(1);
        final ServerSocketChannel unixServer =
                ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        strand.register(unixServer, r -> {
            final SocketChannel accepted = unixServer.accept();
            if (accepted != null) {
                accepted.close();
                unix.countDown();
            }
            return 0;
        });
        final CompletableFuture<Void> registered = new CompletableFuture<>();
        strand.execute(() -> registered.complete(null));
        registered.get(10, TimeUnit.SECONDS);
        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.send(ByteBuffer.wrap(new byte[] {42}), datagram.getLocalAddress());
        }
        try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
            assertThat(client.isConnected()).isTrue();
            assertThat(tcp.await(10, TimeUnit.SECONDS)).isTrue();
        }
        try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(client.isConnected()).isTrue();
            assertThat(unix.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(udp.await(10, TimeUnit.SECONDS)).isTrue();
        datagram.close();
        server.close();
        unixServer.close();
        Files.deleteIfExists(socket);
    }

    @Test
    void signalsRaisedFromOtherThreadsRunTheHandlerAndCoalesce() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("signals", 0);
        final Signal signal = new Signal("sig");
        signal.raise();
        final AtomicInteger handled = new AtomicInteger();
        final Semaphore runs = new Semaphore(0);
        strand.register(signal, r -> {
            handled.incrementAndGet();
            runs.release();
            return 0;
        });
        assertThat(runs.tryAcquire(10, TimeUnit.SECONDS))
                .as("raised before registration")
                .isTrue();
        for (int round = 0; round < 2_000; round++) {
            signal.raise();
            assertThat(runs.tryAcquire(20, TimeUnit.SECONDS))
                    .as("round %d", round)
                    .isTrue();
        }
        final Thread[] raisers = new Thread[4];
        for (int i = 0; i < raisers.length; i++) {
            raisers[i] = Thread.ofPlatform().start(() -> {
                for (int k = 0; k < 10_000; k++) {
                    signal.raise();
                }
            });
        }
        for (final Thread raiser : raisers) {
            raiser.join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !signal.isPending());
        assertThat(handled.get()).isLessThanOrEqualTo(1 + 2_000 + 40_000);
    }

    @Test
    void aSignalTakesOneRegistrationAtATime() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("twice", 0);
        final Signal signal = new Signal("once");
        final Registration first = strand.register(signal, r -> 0);
        final Registration second = strand.register(signal, r -> 0);
        assertThatThrownBy(() -> second.deleted().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("already registered");
        assertThat(first.isActive()).isTrue();
        first.cancel().get(10, TimeUnit.SECONDS);
        assertThat(first.isActive()).isFalse();
    }

    @Test
    void channelRegistrationsFollowAStrandThatMoves() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("roaming", 0);
        final Pipe pipe = Pipe.open();
        final List<String> threads = new CopyOnWriteArrayList<>();
        strand.register(pipe.source(), r -> {
            pipe.source().read(ByteBuffer.allocate(16));
            threads.add(Thread.currentThread().getName());
            return 0;
        });
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 1);
        group.move(strand, group.reactor(1)).get(10, TimeUnit.SECONDS);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {2}));
        await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 2);
        assertThat(threads)
                .containsExactly(group.reactor(0).name(), group.reactor(1).name());
        pipe.sink().close();
        pipe.source().close();
    }

    @Test
    void onDeleteWaitsUntilEveryReactorPassedAQuiescentPoint() throws Exception {
        group = Groups.started(2, ReactorMode.SLEEP, listener);
        final Strand strand = placed("reclaim", 0);
        final Strand blocker = placed("blocker", 1);
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        blocker.execute(() -> {
            inside.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        final Signal signal = new Signal("s");
        final Registration registration = strand.register(signal, r -> 0);
        await().atMost(Duration.ofSeconds(10)).until(registration::isActive);
        final CompletableFuture<Void> deleted = registration.cancel();
        await().atMost(Duration.ofSeconds(10)).until(() -> !registration.isActive());
        assertThat(deleted)
                .as("reactor 1 is inside a message and has not checkpointed")
                .isNotDone();
        release.countDown();
        deleted.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theNotifierNamesTheChannelWithItsOperationsOrTheSignal() throws Exception {
        final Strand strand = Strand.of("notifiers");
        final Pipe pipe = Pipe.open();
        try {
            final Registration onChannel =
                    strand.register(pipe.source(), java.nio.channels.SelectionKey.OP_READ, r -> 0, null);
            final Signal signal = new Signal("raised");
            final Registration onSignal = strand.register(signal, r -> 0);
            assertThat(onChannel.notifier())
                    .isEqualTo(new Notifier.OfChannel(pipe.source(), java.nio.channels.SelectionKey.OP_READ));
            assertThat(onSignal.notifier()).isEqualTo(new Notifier.OfSignal(signal));
        } finally {
            closeQuietly(pipe.source());
            closeQuietly(pipe.sink());
        }
    }

    private static void closeQuietly(final java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

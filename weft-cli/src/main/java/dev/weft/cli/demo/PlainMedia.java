package dev.weft.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Media sessions the way a Java developer writes them without weft: a {@link ScheduledThreadPoolExecutor} with one
 * thread per core paces every sender with {@code scheduleAtFixedRate}, and each receiving socket has a platform
 * thread blocked in {@code receive}. The packets, rates, counts and measurements are those of {@link WeftMedia}.
 */
final class PlainMedia {

    /*
     * Implementation overview.
     *
     * Each sender's initial delay puts its first trigger on the same grid as the weft way's deadlines (epoch + k ×
     * interval, at least START_DELAY_NANOS ahead), so both ways are measured against the same schedule; every receiving
     * socket asks for MediaProfile.RECEIVE_BUFFER_BYTES, as on the weft way.
     *
     * Packet n of a session is scheduled at t0 + n × interval, where t0 is the executor's own first trigger time, read
     * back from the ScheduledFuture's delay as soon as scheduleAtFixedRate returns (to within the nanoseconds between
     * two clock reads), not computed before the call: a first call that stalls (class loading, a preemption) would
     * otherwise shift the executor's whole schedule past the one measured against and charge the stall to every packet
     * of the stream. A sender counts its packets and cancels itself after the last one. finish reads the threads' CPU
     * time, then closes the sockets (which ends the blocked receivers) and joins the receiving threads before reading
     * their single-writer figures.
     */

    private static final long START_DELAY_NANOS = 5_000_000L;

    private final MediaProfile profile;
    private final long epochNanos;
    private final long timedFromNanos;
    private final ScheduledThreadPoolExecutor pacer;
    private final List<Thread> pacerThreads = new ArrayList<>();
    private final List<Thread> receiverThreads = new ArrayList<>();
    private final List<StreamReceiver> receivers = new ArrayList<>();
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<ScheduledFuture<?>> senders = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private long sessionSeconds;

    private PlainMedia(
            final MediaProfile profile, final int pacerThreadCount, final long epochNanos, final long timedFromNanos) {
        this.profile = profile;
        this.epochNanos = epochNanos;
        this.timedFromNanos = timedFromNanos;
        this.pacer = new ScheduledThreadPoolExecutor(pacerThreadCount, runnable -> {
            final Thread thread = new Thread(runnable, "plain-pacer-" + pacerThreads.size());
            thread.setDaemon(true);
            synchronized (pacerThreads) {
                pacerThreads.add(thread);
            }
            return thread;
        });
        pacer.prestartAllCoreThreads();
    }

    /**
     * Starts the sessions.
     *
     * @param sessions how many sessions
     * @param profile the load of each
     * @param seconds how long each sends
     * @param firstStream the stream id of the first session
     * @param epochNanos the {@link System#nanoTime()} value every session's first trigger is aligned to
     * @param timedFromNanos the {@link System#nanoTime()} value from which scheduled packets are timed
     * @return the running sessions
     * @throws IOException if a socket cannot be opened
     */
    static PlainMedia start(
            final int sessions,
            final MediaProfile profile,
            final int seconds,
            final int firstStream,
            final long epochNanos,
            final long timedFromNanos)
            throws IOException {
        final PlainMedia media =
                new PlainMedia(profile, Runtime.getRuntime().availableProcessors(), epochNanos, timedFromNanos);
        media.add(sessions, seconds, firstStream);
        return media;
    }

    /**
     * Adds sessions while the others run. Called by one thread only.
     *
     * @param sessions how many sessions
     * @param seconds how long each sends
     * @param firstStream the stream id of the first
     * @throws IOException if a socket cannot be opened
     */
    void add(final int sessions, final int seconds, final int firstStream) throws IOException {
        for (int i = 0; i < sessions; i++) {
            startSession(firstStream + i, seconds);
        }
        sessionSeconds += (long) sessions * seconds;
    }

    private void startSession(final int stream, final int seconds) throws IOException {
        final DatagramChannel in = DatagramChannel.open()
                .setOption(StandardSocketOptions.SO_RCVBUF, MediaProfile.RECEIVE_BUFFER_BYTES)
                .bind(new InetSocketAddress("127.0.0.1", 0));
        channels.add(in);
        final DatagramChannel out = DatagramChannel.open().connect(in.getLocalAddress());
        out.configureBlocking(false);
        channels.add(out);
        final StreamReceiver receiver = new StreamReceiver(stream, timedFromNanos);
        receivers.add(receiver);
        final Thread thread = new Thread(() -> receive(in, receiver), "plain-receiver-" + stream);
        thread.setDaemon(true);
        receiverThreads.add(thread);
        thread.start();
        final long count = profile.packetsIn(seconds);
        final long interval = profile.interval().toNanos();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(profile.payloadBytes());
        final long[] next = {0};
        final long now = System.nanoTime();
        final long wanted = epochNanos - Math.floorDiv(epochNanos - now - START_DELAY_NANOS, interval) * interval;
        final AtomicLong firstTrigger = new AtomicLong();
        final ScheduledFuture<?> sender = pacer.scheduleAtFixedRate(
                () -> {
                    if (next[0] >= count) {
                        throw new StreamEnded();
                    }
                    final long t0 = scheduledStart(firstTrigger);
                    Packet.write(
                            buffer,
                            profile.payloadBytes(),
                            stream,
                            next[0],
                            t0 + next[0] * interval,
                            System.nanoTime());
                    try {
                        out.write(buffer);
                    } catch (final IOException e) {
                        throw new UncheckedIOException("plain media stream " + stream + " could not send", e);
                    }
                    next[0]++;
                    sent.incrementAndGet();
                },
                wanted - now,
                interval,
                TimeUnit.NANOSECONDS);
        final long delay = sender.getDelay(TimeUnit.NANOSECONDS);
        firstTrigger.set(System.nanoTime() + delay);
        senders.add(sender);
    }

    /**
     * Returns a sender's first trigger time, which the scheduling thread publishes just after
     * {@code scheduleAtFixedRate} returns; in the rare case that the first run comes first, waits for it.
     */
    private static long scheduledStart(final AtomicLong firstTrigger) {
        long t0;
        while ((t0 = firstTrigger.get()) == 0) {
            Thread.onSpinWait();
        }
        return t0;
    }

    private static void receive(final DatagramChannel in, final StreamReceiver receiver) {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(8_192);
        try {
            while (true) {
                buffer.clear();
                in.receive(buffer);
                final long arrival = System.nanoTime();
                buffer.flip();
                receiver.accept(buffer, arrival);
            }
        } catch (final AsynchronousCloseException e) {
            return;
        } catch (final IOException e) {
            throw new UncheckedIOException("plain media receiver failed", e);
        }
    }

    /**
     * Packets sent so far.
     *
     * @return packets sent
     */
    long sentSoFar() {
        return sent.get();
    }

    /**
     * Reads the CPU spent, stops the executor and the receivers, and returns the figures.
     *
     * @return the plain way's figures
     * @throws IOException if a socket fails to close
     * @throws InterruptedException if interrupted while joining the receivers
     */
    MediaFigures finish() throws IOException, InterruptedException {
        final List<Thread> all = new ArrayList<>(receiverThreads);
        synchronized (pacerThreads) {
            all.addAll(pacerThreads);
        }
        final long cpu = CpuClock.nanos(all);
        for (final ScheduledFuture<?> sender : senders) {
            sender.cancel(false);
        }
        pacer.shutdown();
        pacer.awaitTermination(10, TimeUnit.SECONDS);
        for (final DatagramChannel channel : channels) {
            channel.close();
        }
        for (final Thread thread : receiverThreads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        return MediaFigures.of("plain-jdk", receivers, sent.get(), cpu, sessionSeconds);
    }

    /** Ends a finished sender: {@code scheduleAtFixedRate} stops repeating a task that throws. */
    private static final class StreamEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StreamEnded() {
            super("stream complete", null, false, false);
        }
    }
}

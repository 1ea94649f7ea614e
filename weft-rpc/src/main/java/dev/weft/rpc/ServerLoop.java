package dev.weft.rpc;

import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One of the server's selector threads: serves the reads and writes of the connections given to it, closes idle
 * ones, and takes back the answers of blocking calls; the first one also accepts ({@link Acceptor}).
 *
 * <p><b>Implementation overview.</b> Every channel is non-blocking and registered with this loop's
 * {@link Selector}, served by one platform thread. A wake-up serves every connection that is ready in one pass
 * ({@link RpcConnection#service()}), so busy clients cost the server one thread's wake-up per batch of requests
 * rather than a thread each to schedule: on a small machine shared with reactors, a thread per connection made the
 * tail latency the scheduler's queueing of those threads. Methods therefore must not wait; those registered as
 * blocking run on a virtual thread each ({@link #callBlocking}), at most one per connection, so a wait for a
 * reactor holds up neither a selector nor another blocking call. Other threads hand work to the loop through two
 * queues that it drains after each wake-up ({@link Selector#wakeup()}): channels the acceptor admitted
 * ({@link #adopt}) and blocking calls' answers. The selector's timeout is the idle check's period: a connection
 * with no traffic for the idle timeout, and no blocking call running, is closed. A connection's state is touched
 * only by its loop's thread, so it needs no synchronisation; a fault in one connection (a bug, since methods'
 * exceptions are answered) closes that connection and never the loop.
 */
final class ServerLoop {

    private static final System.Logger LOG = System.getLogger(JsonRpcServer.class.getName());

    private final Selector selector;
    private final RpcServerConfig config;
    private final RequestDispatcher dispatcher;
    private final JsonFactory json;
    private final ServerCounters counters;
    private final Set<RpcConnection> connections = new HashSet<>();
    private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger assigned = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;

    ServerLoop(final String name, final RpcServerConfig config, final RequestDispatcher dispatcher,
            final JsonFactory json, final ServerCounters counters) throws IOException {
        this.config = config;
        this.dispatcher = dispatcher;
        this.json = json;
        this.counters = counters;
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    /**
     * Registers a listener whose connections the acceptor takes on this loop's thread; before {@link #start()}.
     *
     * @param listener a bound listener
     * @param acceptor what admits its connections
     * @throws IOException if the listener cannot be made non-blocking
     */
    void listen(final ServerSocketChannel listener, final Acceptor acceptor) throws IOException {
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT, acceptor);
    }

    void start() {
        thread.start();
    }

    /**
     * Returns how many connections this loop serves or is about to (given to it and not yet registered).
     *
     * @return the count
     */
    int connectionCount() {
        return assigned.get();
    }

    void countRequest() {
        counters.requests.incrementAndGet();
    }

    /**
     * Takes an admitted, non-blocking channel to serve; any thread.
     *
     * @param channel the connection
     */
    void adopt(final SocketChannel channel) {
        assigned.incrementAndGet();
        adopted.add(channel);
        selector.wakeup();
    }

    /** Stops the loop and waits until its channels are closed (at once when called from the loop itself). */
    void stop() {
        stopping = true;
        selector.wakeup();
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Answers a value that calls a blocking method on a virtual thread, and gives its response back to the
     * connection on this loop. A dispatch that fails outright (an error, never a method's exception, which the
     * dispatcher answers) closes the connection: that is the value's one outcome.
     */
    void callBlocking(final RpcConnection connection, final JsonNode value) {
        Thread.ofVirtual().name("weft-rpc-blocking").start(() -> {
            final ResponseBuffer response = new ResponseBuffer();
            boolean done = false;
            boolean answered = false;
            try {
                answered = dispatcher.dispatch(value, response);
                done = true;
            } finally {
                answers.add(new Answer(connection, done ? response : null, answered));
                selector.wakeup();
            }
        });
    }

    /**
     * A blocking call's outcome on its way back to the loop.
     *
     * @param connection whose call it was
     * @param response what the dispatcher wrote, or null if the dispatch failed outright
     * @param answered whether a response was written (false for a notification)
     */
    private record Answer(RpcConnection connection, ResponseBuffer response, boolean answered) {
        void deliver() {
            if (response == null) {
                connection.close();
            } else {
                connection.answered(response, answered);
            }
        }
    }

    void closed(final RpcConnection connection) {
        if (connections.remove(connection)) {
            released();
        }
    }

    private void released() {
        assigned.decrementAndGet();
        counters.open.decrementAndGet();
    }

    private void run() {
        final long timeout = config.idleTimeout().toNanos();
        final long tick = Math.max(1_000_000L, Math.min(timeout / 4, 1_000_000_000L));
        long nextIdleCheck = System.nanoTime() + tick;
        try {
            while (!stopping) {
                selector.select(this::ready, Math.max(1, tick / 1_000_000));
                for (SocketChannel channel = adopted.poll(); channel != null; channel = adopted.poll()) {
                    register(channel);
                }
                for (Answer answer = answers.poll(); answer != null; answer = answers.poll()) {
                    contained(answer.connection(), answer::deliver);
                }
                final long now = System.nanoTime();
                if (now - nextIdleCheck >= 0) {
                    nextIdleCheck = now + tick;
                    closeIdle(now, timeout);
                }
            }
        } catch (final IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "RPC server loop failed; its connections are closed", e);
        } finally {
            List.copyOf(connections).forEach(RpcConnection::close);
            for (SocketChannel channel = adopted.poll(); channel != null; channel = adopted.poll()) {
                closeQuietly(channel);
                released();
            }
            closeQuietly(selector);
        }
    }

    private void register(final SocketChannel channel) {
        try {
            final SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            final RpcConnection connection = new RpcConnection(channel, key,
                    json.createNonBlockingByteArrayParser(ObjectReadContext.empty()), dispatcher,
                    config.maxRequestBytes(), this);
            key.attach(connection);
            connections.add(connection);
        } catch (final ClosedChannelException e) {
            released();
        }
    }

    private void ready(final SelectionKey key) {
        if (key.attachment() instanceof RpcConnection connection) {
            contained(connection, connection::service);
        } else {
            ((Acceptor) key.attachment()).accept((ServerSocketChannel) key.channel());
        }
    }

    /**
     * Runs one connection's work so that a fault in it (a bug: methods' exceptions are answered by the dispatcher)
     * costs that connection alone, which is closed, and never the loop that serves the others.
     */
    private static void contained(final RpcConnection connection, final Runnable work) {
        try {
            work.run();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "RPC connection failed; closing it", e);
            connection.close();
        }
    }

    private void closeIdle(final long now, final long timeout) {
        final List<RpcConnection> idle = new ArrayList<>();
        for (final RpcConnection connection : connections) {
            if (!connection.waiting() && now - connection.lastActivityNanos() > timeout) {
                idle.add(connection);
            }
        }
        idle.forEach(RpcConnection::close);
    }

    static void closeQuietly(final Closeable channel) {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Closing is the last thing done with the channel; a failure leaves nothing to do.
        }
    }
}

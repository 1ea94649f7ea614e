package dev.weft.rpc;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's one selector thread: accepts and admits connections, serves every connection's reads and writes,
 * closes idle ones, and takes back the answers of blocking calls.
 *
 * <p><b>Implementation overview.</b> Every listener and connection channel is non-blocking and registered with one
 * {@link Selector}, served by one platform thread. A wake-up serves every connection that is ready in one pass
 * ({@link RpcConnection#service()}), so sixteen busy clients cost the server one thread's wake-up per batch of
 * requests rather than sixteen threads to schedule: on a small machine shared with reactors, a thread per
 * connection made the tail latency the scheduler's queueing of those threads (with 16 clients on two cores, p99
 * about 2 ms against 0.2 ms for one client). Methods therefore must not wait; those registered as blocking run on a
 * virtual thread each ({@link #callBlocking}), at most one per connection, so a wait for a reactor holds up
 * neither the selector nor another blocking call; the answer comes back through a queue that the selector drains
 * after each wake-up ({@link Selector#wakeup()}). Admission happens on accept: over {@code maxConnections} open, or
 * a UNIX peer whose credentials ({@code SO_PEERCRED}, read on the non-blocking channel as on a blocking one) name
 * another user than the socket's owner, and the connection is closed at once. The selector's timeout is the idle
 * check's period: a connection with no traffic for the idle timeout, and no blocking call running, is closed.
 * Every connection's state is touched only by this thread, so it needs no synchronisation.
 */
final class ServerLoop {

    private static final System.Logger LOG = System.getLogger(JsonRpcServer.class.getName());

    private final Selector selector;
    private final RpcServerConfig config;
    private final RequestDispatcher dispatcher;
    private final JsonFactory json;
    private final UserPrincipal owner;
    private final ServerSocketChannel unixListener;
    private final ServerSocketChannel tcpListener;
    private final Set<RpcConnection> connections = new HashSet<>();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread thread;
    private volatile int open;
    private volatile boolean stopping;

    ServerLoop(final RpcServerConfig config, final RequestDispatcher dispatcher, final JsonFactory json,
            final UserPrincipal owner, final ServerSocketChannel unixListener, final ServerSocketChannel tcpListener)
            throws IOException {
        this.config = config;
        this.dispatcher = dispatcher;
        this.json = json;
        this.owner = owner;
        this.unixListener = unixListener;
        this.tcpListener = tcpListener;
        this.selector = Selector.open();
        try {
            listen(unixListener);
            if (tcpListener != null) {
                listen(tcpListener);
            }
        } catch (final IOException e) {
            selector.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().daemon().name("weft-rpc-loop").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    int connectionCount() {
        return open;
    }

    long requestCount() {
        return requests.get();
    }

    long refusedCount() {
        return refused.get();
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    /** Stops the loop and waits until every channel is closed (at once when called from the loop itself). */
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
            open = connections.size();
        }
    }

    private void listen(final ServerSocketChannel listener) throws IOException {
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    private void run() {
        final long timeout = config.idleTimeout().toNanos();
        final long tick = Math.max(1_000_000L, Math.min(timeout / 4, 1_000_000_000L));
        long nextIdleCheck = System.nanoTime() + tick;
        try {
            while (!stopping) {
                selector.select(this::ready, Math.max(1, tick / 1_000_000));
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
            LOG.log(System.Logger.Level.ERROR, "RPC server loop failed; the server stops serving", e);
        } finally {
            closeQuietly(unixListener);
            if (tcpListener != null) {
                closeQuietly(tcpListener);
            }
            List.copyOf(connections).forEach(RpcConnection::close);
            closeQuietly(selector);
        }
    }

    private void ready(final SelectionKey key) {
        if (key.attachment() instanceof RpcConnection connection) {
            contained(connection, connection::service);
        } else {
            accept((ServerSocketChannel) key.channel());
        }
    }

    /**
     * Runs one connection's work so that a fault in it (a bug: methods' exceptions are answered by the dispatcher)
     * costs that connection alone, which its owner closes, and never the loop that serves everyone else.
     */
    private static void contained(final RpcConnection connection, final Runnable work) {
        try {
            work.run();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "RPC connection failed; closing it", e);
            connection.close();
        }
    }

    private void accept(final ServerSocketChannel listener) {
        while (!stopping) {
            final SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (final IOException e) {
                LOG.log(System.Logger.Level.WARNING, "RPC accept failed: " + e.getMessage());
                return;
            }
            if (channel == null) {
                return;
            }
            if (!admit(channel, listener == unixListener)) {
                refused.incrementAndGet();
                closeQuietly(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                final SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                final RpcConnection connection = new RpcConnection(channel, key, json.createNonBlockingByteArrayParser(
                        ObjectReadContext.empty()), dispatcher, config.maxRequestBytes(), this);
                key.attach(connection);
                connections.add(connection);
                open = connections.size();
            } catch (final IOException e) {
                LOG.log(System.Logger.Level.WARNING, "RPC connection dropped on accept: " + e.getMessage());
                closeQuietly(channel);
            }
        }
    }

    private boolean admit(final SocketChannel channel, final boolean unix) {
        if (connections.size() >= config.maxConnections()) {
            LOG.log(System.Logger.Level.WARNING, "RPC connection refused: " + config.maxConnections()
                    + " connections are open");
            return false;
        }
        if (!unix) {
            return true;
        }
        try {
            final UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(owner)) {
                LOG.log(System.Logger.Level.WARNING, "RPC connection refused: peer user " + peer.user().getName()
                        + " is not the socket's owner " + owner.getName());
                return false;
            }
            return true;
        } catch (final IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "RPC connection refused: cannot read peer credentials: "
                    + e.getMessage());
            return false;
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

    private static void closeQuietly(final Closeable channel) {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Closing is the last thing done with the channel; a failure leaves nothing to do.
        }
    }
}

package dev.weft.rpc;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A JSON-RPC 2.0 server on a UNIX stream socket (and, when asked, a loopback TCP port), speaking SPDK's wire format:
 * back-to-back JSON values in, compact JSON and a newline out.
 *
 * <p><b>Implementation overview.</b> One platform daemon thread per listener accepts; each connection is served by
 * a platform daemon thread of its own running an {@link RpcConnection}, so a slow or silent client holds nothing
 * but its own thread, and the connection cap bounds the threads. Platform rather than virtual threads because the
 * request path is a ping-pong of small messages: a platform thread blocked in {@code read} is woken by the kernel
 * directly, where a virtual thread is woken by the JDK's poller thread and then scheduled on a carrier, two
 * hand-offs that cost more than the whole request (a bare echo round trip measured about 3× slower with virtual
 * threads on two cores, and with 16 clients its p99 was 2.7 ms against 1.1 ms; see {@code RpcRequestBenchmark}).
 * One selector thread serving every connection (non-blocking reads and parsing) was measured too and rejected: with
 * 16 clients its p99 was no better and its mean latency about 1.5× longer, because the scheduler gives that one
 * thread one share of the CPU and every request queues behind it, where a thread per connection gets a share each
 * (figures in {@code docs/RPC.md}).
 * Jackson's buffers are recycled per thread ({@link JsonRecyclerPools#threadLocalPool()}), which suits long-lived
 * connection threads, rather than through Jackson's default shared deque, which every connection thread would
 * otherwise contend on for each request. Only the socket's owner gets in: the socket file is created with mode 0600
 * before it is reachable
 * ({@link SocketFiles}), and every UNIX peer's credentials ({@code SO_PEERCRED}) are checked against the socket
 * file's owner, so a peer with another uid (root included) is refused even if the file's mode is loosened. At
 * most {@code maxConnections} are served at once; extra ones are closed on accept. A watchdog thread closes
 * connections idle past the timeout. {@link #close()} stops the listeners, closes every connection and deletes
 * the socket file.
 */
public final class JsonRpcServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JsonRpcServer.class.getName());

    private final RpcServerConfig config;
    private final ServerSocketChannel unixListener;
    private final ServerSocketChannel tcpListener;
    private final UserPrincipal owner;
    private final RequestDispatcher dispatcher;
    private final ObjectMapper mapper;
    private final Set<RpcConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread watchdog;
    private volatile boolean closed;

    private JsonRpcServer(final RpcServerConfig config, final RpcRegistry registry) throws IOException {
        this.config = config;
        this.dispatcher = new RequestDispatcher(registry, config.maxBatch());
        this.mapper = JsonMapper.builder(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(config.maxNesting())
                .maxStringLength(config.maxRequestBytes())
                .maxNameLength(Math.min(config.maxRequestBytes(), 50_000))
                .maxNumberLength(1000)
                .build()).build())
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
        this.unixListener = SocketFiles.bindPrivately(config.socketPath());
        this.owner = Files.getOwner(config.socketPath());
        ServerSocketChannel tcp = null;
        if (config.tcp().isPresent()) {
            try {
                tcp = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(config.tcp().get());
            } catch (final IOException e) {
                unixListener.close();
                SocketFiles.deleteQuietly(config.socketPath());
                throw e;
            }
        }
        this.tcpListener = tcp;
        Thread.ofPlatform().daemon().name("weft-rpc-accept-unix").start(() -> acceptLoop(unixListener, true));
        if (tcpListener != null) {
            Thread.ofPlatform().daemon().name("weft-rpc-accept-tcp").start(() -> acceptLoop(tcpListener, false));
        }
        this.watchdog = Thread.ofPlatform().daemon().name("weft-rpc-idle").start(this::closeIdleConnections);
    }

    /**
     * Starts a server.
     *
     * @param config where to listen and the limits
     * @param registry the methods to serve
     * @return the running server
     * @throws IllegalStateException if a live server already owns the socket path
     * @throws UncheckedIOException if the socket cannot be created
     */
    public static JsonRpcServer start(final RpcServerConfig config, final RpcRegistry registry) {
        try {
            return new JsonRpcServer(config, registry);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start the RPC server on " + config.socketPath() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns the UNIX socket path.
     *
     * @return the path clients connect to
     */
    public Path socketPath() {
        return config.socketPath();
    }

    /**
     * Returns the TCP address actually bound, if TCP was asked for.
     *
     * @return the address with its real port
     */
    public Optional<InetSocketAddress> tcpAddress() {
        if (tcpListener == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((InetSocketAddress) tcpListener.getLocalAddress());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns how many connections are open now.
     *
     * @return the count
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Returns how many JSON values were received and dispatched.
     *
     * @return the count since start
     */
    public long requestCount() {
        return requests.get();
    }

    /**
     * Returns how many connections were refused: a foreign peer, or over the connection cap.
     *
     * @return the count since start
     */
    public long refusedCount() {
        return refused.get();
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void connectionClosed(final RpcConnection connection) {
        connections.remove(connection);
    }

    private void acceptLoop(final ServerSocketChannel listener, final boolean unix) {
        while (!closed) {
            final SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (final ClosedChannelException e) {
                return;
            } catch (final IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "RPC accept failed: " + e.getMessage());
                }
                continue;
            }
            if (!admit(channel, unix)) {
                refused.incrementAndGet();
                closeQuietly(channel);
                continue;
            }
            final RpcConnection connection = new RpcConnection(channel, mapper, dispatcher,
                    config.maxRequestBytes(), this);
            connections.add(connection);
            Thread.ofPlatform().daemon().name("weft-rpc-connection").start(connection);
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

    private void closeIdleConnections() {
        final long timeout = config.idleTimeout().toNanos();
        final long tick = Math.max(1_000_000L, Math.min(timeout / 4, 1_000_000_000L));
        while (!closed) {
            LockSupport.parkNanos(this, tick);
            final long now = System.nanoTime();
            for (final RpcConnection connection : connections) {
                if (now - connection.lastActivityNanos() > timeout) {
                    connection.close();
                }
            }
        }
    }

    /** Stops listening, closes every connection and deletes the socket file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(unixListener);
        if (tcpListener != null) {
            closeQuietly(tcpListener);
        }
        connections.forEach(RpcConnection::close);
        LockSupport.unpark(watchdog);
        SocketFiles.deleteQuietly(config.socketPath());
    }

    private static void closeQuietly(final Channel channel) {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Closing is the last thing done with the channel; a failure leaves nothing to do.
        }
    }
}

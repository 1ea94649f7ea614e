package dev.weft.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON-RPC 2.0 server on a UNIX stream socket (and, when asked, a loopback TCP port), speaking SPDK's wire format:
 * back-to-back JSON values in, compact JSON and a newline out.
 *
 * <p>Only the socket's owner gets in (the file is 0600 from its first instant, and each peer's uid is checked).
 * The server holds up under hostile clients: every limit of {@link RpcServerConfig} is enforced while a request is
 * streamed in, before it is built; the memory all connections hold for requests in flight is bounded; when the
 * connection cap is reached the connection idle longest makes room, and a client refused for want of room is told
 * so (-32000 "too many connections"). No server thread dies of an exception: the accept loop and the idle watchdog
 * log (rate-limited), back off and go on, and a server whose accept loop has failed without a break for
 * {@link #UNABLE_TO_SERVE_AFTER_NANOS} closes and reports it to the handler given at start, so that a process that
 * can no longer serve can exit instead of lingering. {@link #close()} stops the listeners, closes every connection
 * and deletes the socket file if it is still the one this server created. Thread-safe.
 */
public final class JsonRpcServer implements AutoCloseable {

    /*
     * Implementation overview
     *
     * One platform daemon thread per listener accepts; each connection is served by a platform daemon thread of its
     * own running an RpcConnection, so a slow or silent client holds nothing but its own thread, and the connection
     * cap bounds the threads. Platform rather than virtual threads because the request path is a ping-pong of small
     * messages: a platform thread blocked in read is woken by the kernel directly, where a virtual thread is woken
     * by the JDK's poller thread and then scheduled on a carrier, two hand-offs that cost more than the whole
     * request (RpcRequestBenchmark measures both; docs/RPC.md compares them with a single selector thread).
     * Jackson's buffers are recycled per thread, which suits long-lived connection threads. The input is UTF-8, as
     * SPDK's; Jackson's encoding detection is off because it waits for four bytes, and a value as short as "[]"
     * would not be answered until the client sent more.
     *
     * Fairness of the cap: when it is reached, the accept thread closes the connection whose last byte received or
     * answer sent is oldest among those not running a method (a method that waits, such as framework_wait_init,
     * is never cut off), and admits the new one; only when every connection is running a method is the new one
     * refused. So connections that trickle requests cannot keep others out: the newcomer evicts the longest idle.
     * The refusal is written without blocking (the accept thread never waits on a client) and its log line is
     * rate-limited. The clock is injectable so that tests can order idleness deterministically.
     */

    /** How long the accept loop may fail without a single success before the server gives up. */
    static final long UNABLE_TO_SERVE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final System.Logger LOG = System.getLogger(JsonRpcServer.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final byte[] TOO_MANY = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
                    + RpcError.SERVER_BUSY + ",\"message\":\"too many connections\"}}\n")
            .getBytes(StandardCharsets.UTF_8);

    /** Starts a thread; tests inject failures. */
    @FunctionalInterface
    interface ThreadStarter {
        Thread start(String name, Runnable body);
    }

    private final RpcServerConfig config;
    private final SocketFiles.Bound unix;
    private final ServerSocketChannel tcpListener;
    private final UserPrincipal owner;
    private final RequestDispatcher dispatcher;
    private final ObjectMapper mapper;
    private final InFlightMemory memory;
    private final LongSupplier clock;
    private final ThreadStarter threads;
    private final Consumer<Throwable> unableToServe;
    private final Set<RpcConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final RateLimitedLog refusals;
    private final RateLimitedLog evictions;
    private final RateLimitedLog failures;
    private final Thread watchdog;
    private volatile boolean closed;

    private JsonRpcServer(
            final RpcServerConfig config,
            final RpcRegistry registry,
            final Consumer<Throwable> unableToServe,
            final LongSupplier clock,
            final ThreadStarter threads)
            throws IOException {
        this.config = config;
        this.clock = clock;
        this.threads = threads;
        this.unableToServe = unableToServe;
        this.refusals = new RateLimitedLog(LOG, System.Logger.Level.WARNING, LOG_INTERVAL_NANOS, clock);
        this.evictions = new RateLimitedLog(LOG, System.Logger.Level.INFO, LOG_INTERVAL_NANOS, clock);
        this.failures = new RateLimitedLog(LOG, System.Logger.Level.WARNING, LOG_INTERVAL_NANOS, clock);
        this.memory = new InFlightMemory(RpcServerConfig.CONNECTION_ALLOWANCE, config.maxInFlightBytes());
        this.dispatcher = new RequestDispatcher(registry, config.maxBatch());
        this.mapper = JsonMapper.builder(JsonFactory.builder()
                        .recyclerPool(JsonRecyclerPools.threadLocalPool())
                        .disable(TokenStreamFactory.Feature.CHARSET_DETECTION)
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(config.maxNesting())
                                .maxStringLength(config.maxRequestBytes())
                                .maxNameLength(Math.min(config.maxRequestBytes(), 50_000))
                                .maxNumberLength(1000)
                                .build())
                        .build())
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
        this.unix = SocketFiles.bindPrivately(config.socketPath());
        try {
            this.owner = Files.getOwner(config.socketPath());
            this.tcpListener =
                    config.tcp().isPresent() ? openTcp(config.tcp().get().address()) : null;
        } catch (final IOException | RuntimeException e) {
            closeQuietly(unix.channel());
            SocketFiles.deleteIfOurs(config.socketPath(), unix.fileKey());
            throw e;
        }
        threads.start("weft-rpc-accept-unix", () -> acceptLoop(unix.channel(), true));
        if (tcpListener != null) {
            threads.start("weft-rpc-accept-tcp", () -> acceptLoop(tcpListener, false));
        }
        this.watchdog = threads.start("weft-rpc-idle", this::closeIdleConnections);
    }

    /**
     * Starts a server.
     *
     * @param config where to listen and the limits
     * @param registry the methods to serve
     * @return the running server
     * @throws IllegalStateException if a live server already owns the socket path, or something that is not a
     *     socket is there
     * @throws IllegalArgumentException if the socket path is too long for the kernel
     * @throws UncheckedIOException if the socket or the TCP listener cannot be created
     */
    public static JsonRpcServer start(final RpcServerConfig config, final RpcRegistry registry) {
        return start(config, registry, failure -> {});
    }

    /**
     * Starts a server that reports when it can no longer serve (its accept loop failed for
     * {@link #UNABLE_TO_SERVE_AFTER_NANOS} without a break, or its listener was closed under it): by then the server
     * has closed itself, and a process that only exists to serve should exit with a failure status.
     *
     * @param config where to listen and the limits
     * @param registry the methods to serve
     * @param unableToServe called once, on the accept thread, with the last failure
     * @return the running server
     */
    public static JsonRpcServer start(
            final RpcServerConfig config, final RpcRegistry registry, final Consumer<Throwable> unableToServe) {
        return start(
                config,
                registry,
                unableToServe,
                System::nanoTime,
                (name, body) -> Thread.ofPlatform().daemon().name(name).start(body));
    }

    static JsonRpcServer start(
            final RpcServerConfig config,
            final RpcRegistry registry,
            final Consumer<Throwable> unableToServe,
            final LongSupplier clock,
            final ThreadStarter threads) {
        try {
            return new JsonRpcServer(config, registry, unableToServe, clock, threads);
        } catch (final IOException e) {
            throw new UncheckedIOException(
                    "cannot start the RPC server on " + config.socketPath() + ": " + e.getMessage(), e);
        }
    }

    private static ServerSocketChannel openTcp(final InetSocketAddress address) throws IOException {
        try {
            return ServerSocketChannel.open(
                            address.getAddress() instanceof Inet6Address
                                    ? StandardProtocolFamily.INET6
                                    : StandardProtocolFamily.INET)
                    .bind(address);
        } catch (final IOException | RuntimeException e) {
            throw new IOException(
                    "cannot listen on TCP " + address + ": "
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()),
                    e);
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
     * Returns how many connections were refused: a foreign peer, or over the connection cap with none idle.
     *
     * @return the count since start
     */
    public long refusedCount() {
        return refused.get();
    }

    /**
     * Returns how many idle connections were closed to make room for a new one under the connection cap.
     *
     * @return the count since start
     */
    public long evictedCount() {
        return evicted.get();
    }

    long inFlightPoolLeft() {
        return memory.poolLeft();
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void connectionClosed(final RpcConnection connection) {
        connections.remove(connection);
    }

    void connectionFailed(final Throwable failure) {
        failures.log(() -> "an RPC connection failed and was closed: " + failure);
    }

    /** Runs the configured set-up on the calling server thread; a failure is logged and the thread goes on. */
    void setUpThread() {
        try {
            config.threadSetup().run();
        } catch (final Throwable e) {
            failures.log(() -> "RPC thread " + Thread.currentThread().getName() + " set-up failed: " + e);
        }
    }

    private void acceptLoop(final ServerSocketChannel listener, final boolean unixListener) {
        setUpThread();
        long failingSince = -1;
        long backoffNanos = 0;
        while (!closed) {
            try {
                final SocketChannel channel = listener.accept();
                admit(channel, unixListener);
                failingSince = -1;
                backoffNanos = 0;
            } catch (final ClosedChannelException e) {
                if (!closed) {
                    giveUp(new IOException("the RPC listener was closed under the server", e));
                }
                return;
            } catch (final Throwable e) {
                if (closed) {
                    return;
                }
                final long now = clock.getAsLong();
                if (failingSince < 0) {
                    failingSince = now;
                } else if (now - failingSince >= UNABLE_TO_SERVE_AFTER_NANOS) {
                    giveUp(e);
                    return;
                }
                final long wait = backoffNanos = Math.min(Math.max(2 * backoffNanos, 1_000_000L), 1_000_000_000L);
                failures.log(() -> "RPC accept failed, trying again in " + wait / 1_000_000 + " ms: " + e);
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private void giveUp(final Throwable failure) {
        try {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "the RPC server on " + config.socketPath() + " can no longer serve " + "and closes: " + failure);
        } catch (final Throwable ignored) {
            // the report below still goes out
        }
        close();
        try {
            unableToServe.accept(failure);
        } catch (final Throwable ignored) {
            // the handler's own failure changes nothing: the server is closed
        }
    }

    /** Admits or refuses a new connection; never blocks on the client. */
    private void admit(final SocketChannel channel, final boolean unixListener) {
        try {
            if (unixListener && !fromOwner(channel)) {
                refused.incrementAndGet();
                closeQuietly(channel);
                return;
            }
            if (connections.size() >= config.maxConnections() && !evictIdlest()) {
                refused.incrementAndGet();
                refusals.log(() -> "RPC connection refused: " + config.maxConnections()
                        + " connections are open and every one is running a method");
                tellTooMany(channel);
                return;
            }
            final RpcConnection connection = new RpcConnection(
                    channel,
                    mapper,
                    dispatcher,
                    config,
                    this,
                    unixListener ? Optional.empty() : config.tcp().map(RpcServerConfig.Tcp::token),
                    memory,
                    clock);
            connections.add(connection);
            try {
                threads.start("weft-rpc-connection", connection);
            } catch (final Throwable e) {
                connections.remove(connection);
                throw e;
            }
        } catch (final Throwable e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Closes the connection idle longest that runs no method; false if every connection is running one. */
    private boolean evictIdlest() {
        RpcConnection idlest = null;
        for (final RpcConnection connection : connections) {
            if (!connection.dispatching()
                    && (idlest == null || connection.lastActivityNanos() - idlest.lastActivityNanos() < 0)) {
                idlest = connection;
            }
        }
        if (idlest == null) {
            return false;
        }
        final long idleMillis = (clock.getAsLong() - idlest.lastActivityNanos()) / 1_000_000;
        connections.remove(idlest);
        idlest.close();
        evicted.incrementAndGet();
        evictions.log(() -> "RPC connection cap of " + config.maxConnections() + " reached: closed the connection "
                + "idle longest (" + idleMillis + " ms) to admit a new one");
        return true;
    }

    private static void tellTooMany(final SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(TOO_MANY));
            channel.shutdownOutput();
        } catch (final IOException ignored) {
            // The client left already; it is closed below either way.
        } finally {
            closeQuietly(channel);
        }
    }

    private boolean fromOwner(final SocketChannel channel) {
        try {
            final UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(owner)) {
                refusals.log(() -> "RPC connection refused: peer user "
                        + peer.user().getName() + " is not the socket's owner " + owner.getName());
                return false;
            }
            return true;
        } catch (final IOException | UnsupportedOperationException e) {
            refusals.log(() -> "RPC connection refused: cannot read peer credentials: " + e.getMessage());
            return false;
        }
    }

    private void closeIdleConnections() {
        setUpThread();
        final long timeout = config.idleTimeout().toNanos();
        final long tick = Math.max(1_000_000L, Math.min(timeout / 4, 1_000_000_000L));
        while (!closed) {
            LockSupport.parkNanos(this, tick);
            try {
                final long now = clock.getAsLong();
                for (final RpcConnection connection : connections) {
                    if (!connection.dispatching() && now - connection.lastActivityNanos() > timeout) {
                        connection.close();
                    }
                }
            } catch (final Throwable e) {
                failures.log(() -> "RPC idle watchdog failed a round, going on: " + e);
            }
        }
    }

    /** Stops listening, closes every connection and deletes the socket file if it is still this server's. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(unix.channel());
        if (tcpListener != null) {
            closeQuietly(tcpListener);
        }
        connections.forEach(RpcConnection::close);
        if (watchdog != null) {
            LockSupport.unpark(watchdog);
        }
        if (!SocketFiles.deleteIfOurs(config.socketPath(), unix.fileKey())
                && Files.exists(config.socketPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "RPC socket " + config.socketPath() + " left in place: it is no "
                            + "longer the socket this server created");
        }
    }

    private static void closeQuietly(final Channel channel) {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Closing is the last thing done with the channel; a failure leaves nothing to do.
        }
    }
}

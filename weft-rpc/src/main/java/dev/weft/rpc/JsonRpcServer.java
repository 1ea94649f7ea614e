package dev.weft.rpc;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON-RPC 2.0 server on a UNIX stream socket (and, when asked, a loopback TCP port), speaking SPDK's wire format:
 * back-to-back JSON values in, compact JSON and a newline out.
 *
 * <p><b>Implementation overview.</b> One platform thread ({@link ServerLoop}) serves everything through one
 * selector: it accepts, reads every connection's non-blocking channel, parses the bytes as they come with a
 * non-blocking parser ({@link RpcConnection}), runs the methods and writes the answers, keeping a slow reader's
 * unsent answers with its connection rather than waiting for it. Methods registered as blocking (those that wait
 * for a reactor, start-up or the balancing round) run on a virtual thread each, off the selector. One thread for
 * all connections, not a thread per connection, because the request path is a ping-pong of small messages on a
 * small machine that the reactors share: with a thread per connection, sixteen clients meant sixteen more threads
 * for the scheduler to queue behind the reactors and the clients, and the tail latency was that queueing (p99 about
 * 2 ms against 0.2 ms for one client), while one selector thread serves every ready connection in one wake-up.
 * Virtual threads per connection were worse still (each read goes through the JDK's poller and a carrier, two
 * hand-offs that cost more than the request). Jackson's buffers are recycled per thread
 * ({@link JsonRecyclerPools#threadLocalPool()}), which suits the one long-lived selector thread. Only the socket's
 * owner gets in: the socket file is created with mode 0600 before it is reachable ({@link SocketFiles}), and every
 * UNIX peer's credentials ({@code SO_PEERCRED}) are checked against the socket file's owner, so a peer with another
 * uid (root included) is refused even if the file's mode is loosened. At most {@code maxConnections} are served at
 * once; extra ones are closed on accept. Connections idle past the timeout are closed. {@link #close()} stops the
 * loop, closes every connection and deletes the socket file.
 */
public final class JsonRpcServer implements AutoCloseable {

    private final RpcServerConfig config;
    private final ServerSocketChannel unixListener;
    private final ServerSocketChannel tcpListener;
    private final ServerCounters counters = new ServerCounters();
    private final List<ServerLoop> loops;
    private volatile boolean closed;

    private JsonRpcServer(final RpcServerConfig config, final RpcRegistry registry) throws IOException {
        this.config = config;
        final JsonFactory json = JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(config.maxNesting())
                        .maxStringLength(config.maxRequestBytes() + RpcConnection.READ_SIZE)
                        .maxNameLength(Math.min(config.maxRequestBytes(), 50_000))
                        .maxNumberLength(1000)
                        .build())
                .build();
        final RequestDispatcher dispatcher = new RequestDispatcher(registry, config.maxBatch());
        this.unixListener = SocketFiles.bindPrivately(config.socketPath());
        ServerSocketChannel tcp = null;
        final List<ServerLoop> created = new ArrayList<>();
        try {
            if (config.tcp().isPresent()) {
                tcp = ServerSocketChannel.open(StandardProtocolFamily.INET).bind(config.tcp().get());
            }
            for (int i = 0; i < config.selectorThreads(); i++) {
                created.add(new ServerLoop("weft-rpc-loop-" + i, config, dispatcher, json, counters));
            }
            final Acceptor acceptor = new Acceptor(config, Files.getOwner(config.socketPath()), unixListener,
                    created, counters);
            created.get(0).listen(unixListener, acceptor);
            if (tcp != null) {
                created.get(0).listen(tcp, acceptor);
            }
        } catch (final IOException | RuntimeException e) {
            created.forEach(ServerLoop::stop);
            unixListener.close();
            if (tcp != null) {
                tcp.close();
            }
            SocketFiles.deleteQuietly(config.socketPath());
            throw e;
        }
        this.tcpListener = tcp;
        this.loops = List.copyOf(created);
        loops.forEach(ServerLoop::start);
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
        return counters.open.get();
    }

    /**
     * Returns how many JSON values were received and dispatched.
     *
     * @return the count since start
     */
    public long requestCount() {
        return counters.requests.get();
    }

    /**
     * Returns how many connections were refused: a foreign peer, or over the connection cap.
     *
     * @return the count since start
     */
    public long refusedCount() {
        return counters.refused.get();
    }

    /** Stops listening, closes every connection and deletes the socket file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loops.forEach(ServerLoop::stop);
        ServerLoop.closeQuietly(unixListener);
        if (tcpListener != null) {
            ServerLoop.closeQuietly(tcpListener);
        }
        SocketFiles.deleteQuietly(config.socketPath());
    }
}

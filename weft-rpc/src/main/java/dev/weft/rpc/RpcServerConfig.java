package dev.weft.rpc;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link JsonRpcServer} listens and what it tolerates; {@code docs/RPC.md} lists every limit and what a client
 * gets when it hits one. Immutable; the constructor refuses a null part or a limit out of range with an exception
 * naming it.
 *
 * @param socketPath the UNIX socket file (default {@code /var/tmp/weft.sock}), at most 107 bytes long
 * @param tcp an extra loopback TCP listener and its clients' token, or empty (see {@link #withTcpOpenToAllLocalUsers})
 * @param maxRequestBytes the largest JSON value accepted (default 1 MiB); a larger one gets an error and a close
 * @param maxBatch the most requests in one batch array (default 1024)
 * @param maxConnections the most connections served at once (default 64, as SPDK); when full, the connection idle
 *     longest is closed to make room, and if none is idle the new one is refused
 * @param maxNesting the deepest nesting of arrays and objects accepted (default 64)
 * @param idleTimeout a connection that sends nothing for this long is closed (default 5 minutes)
 * @param maxInFlightBytes what all connections together may hold for requests in flight beyond
 *     {@link #CONNECTION_ALLOWANCE} each (default 64 MiB, at most a quarter of the heap)
 * @param threadSetup run first on every server thread (to take a scheduling class, say); a failure is logged and the
 *     thread goes on
 */
public record RpcServerConfig(
        Path socketPath,
        Optional<Tcp> tcp,
        int maxRequestBytes,
        int maxBatch,
        int maxConnections,
        int maxNesting,
        Duration idleTimeout,
        long maxInFlightBytes,
        Runnable threadSetup) {

    /** The socket weft serves on unless told otherwise. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/tmp/weft.sock");

    /** What each connection may hold for its request in flight without drawing on the shared pool. */
    public static final int CONNECTION_ALLOWANCE = 256 * 1024;

    /** The shortest TCP token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /**
     * A loopback TCP listener, which any local user can reach, and the token its clients must send first.
     *
     * @param address the loopback address and port (port 0 picks a free one)
     * @param token the shared secret: a TCP connection's first request must be {@code weft_authenticate} with
     *     {@code {"token": ...}}, else it is refused
     */
    public record Tcp(InetSocketAddress address, String token) {

        /**
         * Checks the listener.
         *
         * @param address the address
         * @param token the token
         */
        public Tcp {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(token, "token");
            if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException(
                        "the RPC server listens on TCP only on a loopback address, " + "not " + address);
            }
            if (token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("the RPC server's TCP token must be at least " + MIN_TOKEN_LENGTH
                        + " characters long, not " + token.length());
            }
        }

        @Override
        public String toString() {
            return "Tcp[address=" + address + ", token=(hidden)]";
        }
    }

    /**
     * Checks the settings.
     *
     * @param socketPath the UNIX socket file
     * @param tcp an optional loopback TCP listener
     * @param maxRequestBytes the request size cap
     * @param maxBatch the batch size cap
     * @param maxConnections the connection cap
     * @param maxNesting the nesting cap
     * @param idleTimeout the idle timeout
     * @param maxInFlightBytes the shared pool for requests in flight
     * @param threadSetup what each server thread runs first
     */
    public RpcServerConfig {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(threadSetup, "threadSetup");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes " + maxRequestBytes + " is below 1024");
        }
        if (maxBatch < 1 || maxConnections < 1 || maxNesting < 2 || maxInFlightBytes < 0) {
            throw new IllegalArgumentException("limits must be positive: maxBatch=" + maxBatch + " maxConnections="
                    + maxConnections + " maxNesting=" + maxNesting + " maxInFlightBytes=" + maxInFlightBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout + " must be positive");
        }
    }

    /**
     * The defaults, on a given socket.
     *
     * @param socketPath the UNIX socket file
     * @return the configuration
     */
    public static RpcServerConfig defaults(final Path socketPath) {
        return new RpcServerConfig(
                socketPath,
                Optional.empty(),
                1 << 20,
                1024,
                64,
                64,
                Duration.ofMinutes(5),
                Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 4),
                () -> {});
    }

    /**
     * Returns a copy with another connection cap.
     *
     * @param value the cap
     * @return the copy
     */
    public RpcServerConfig withMaxConnections(final int value) {
        return new RpcServerConfig(
                socketPath,
                tcp,
                maxRequestBytes,
                maxBatch,
                value,
                maxNesting,
                idleTimeout,
                maxInFlightBytes,
                threadSetup);
    }

    /**
     * Returns a copy with another idle timeout.
     *
     * @param value the timeout
     * @return the copy
     */
    public RpcServerConfig withIdleTimeout(final Duration value) {
        return new RpcServerConfig(
                socketPath,
                tcp,
                maxRequestBytes,
                maxBatch,
                maxConnections,
                maxNesting,
                value,
                maxInFlightBytes,
                threadSetup);
    }

    /**
     * Returns a copy with another pool for requests in flight.
     *
     * @param bytes what all connections together may hold beyond their allowance
     * @return the copy
     */
    public RpcServerConfig withMaxInFlightBytes(final long bytes) {
        return new RpcServerConfig(
                socketPath,
                tcp,
                maxRequestBytes,
                maxBatch,
                maxConnections,
                maxNesting,
                idleTimeout,
                bytes,
                threadSetup);
    }

    /**
     * Returns a copy whose server threads run something first, such as taking a scheduling class.
     *
     * @param setup what each server thread runs first
     * @return the copy
     */
    public RpcServerConfig withThreadSetup(final Runnable setup) {
        return new RpcServerConfig(
                socketPath,
                tcp,
                maxRequestBytes,
                maxBatch,
                maxConnections,
                maxNesting,
                idleTimeout,
                maxInFlightBytes,
                setup);
    }

    /**
     * Returns a copy that also listens on a loopback TCP port. <b>Any local user can connect to it</b> (TCP has no
     * peer credentials, unlike the UNIX socket, which only its owner can use), so every TCP connection must first
     * present the token ({@code weft_authenticate}); keep the token secret and prefer the UNIX socket.
     *
     * @param address the loopback address and port (port 0 picks a free one)
     * @param token the shared secret, at least {@link #MIN_TOKEN_LENGTH} characters
     * @return the copy
     * @throws IllegalArgumentException if the address is not loopback or the token too short
     */
    public RpcServerConfig withTcpOpenToAllLocalUsers(final InetSocketAddress address, final String token) {
        return new RpcServerConfig(
                socketPath,
                Optional.of(new Tcp(address, token)),
                maxRequestBytes,
                maxBatch,
                maxConnections,
                maxNesting,
                idleTimeout,
                maxInFlightBytes,
                threadSetup);
    }
}

package dev.weft.rpc;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link JsonRpcServer} listens and what it tolerates.
 *
 * @param socketPath the UNIX socket file (default {@code /var/tmp/weft.sock})
 * @param tcp an extra TCP listener, only on a loopback address, or empty for none
 * @param maxRequestBytes the largest single JSON value accepted (default 1 MiB); larger ones get an error and
 *     the connection is closed
 * @param maxBatch the most requests in one batch array (default 1024)
 * @param maxConnections the most connections served at once (default 64, as SPDK); more are closed at once
 * @param maxNesting the deepest nesting of arrays and objects accepted (default 64)
 * @param idleTimeout a connection that sends nothing for this long is closed (default 5 minutes)
 */
public record RpcServerConfig(Path socketPath, Optional<InetSocketAddress> tcp, int maxRequestBytes, int maxBatch,
                              int maxConnections, int maxNesting, Duration idleTimeout) {

    /** The socket weft serves on unless told otherwise. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/tmp/weft.sock");

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
     */
    public RpcServerConfig {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        tcp.ifPresent(address -> {
            if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("the RPC server listens on TCP only on a loopback address, "
                        + "not " + address);
            }
        });
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes " + maxRequestBytes + " is below 1024");
        }
        if (maxBatch < 1 || maxConnections < 1 || maxNesting < 2) {
            throw new IllegalArgumentException("limits must be positive: maxBatch=" + maxBatch + " maxConnections="
                    + maxConnections + " maxNesting=" + maxNesting);
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
        return new RpcServerConfig(socketPath, Optional.empty(), 1 << 20, 1024, 64, 64, Duration.ofMinutes(5));
    }

    /**
     * Returns a copy with another connection cap.
     *
     * @param value the cap
     * @return the copy
     */
    public RpcServerConfig withMaxConnections(final int value) {
        return new RpcServerConfig(socketPath, tcp, maxRequestBytes, maxBatch, value, maxNesting, idleTimeout);
    }

    /**
     * Returns a copy with another idle timeout.
     *
     * @param value the timeout
     * @return the copy
     */
    public RpcServerConfig withIdleTimeout(final Duration value) {
        return new RpcServerConfig(socketPath, tcp, maxRequestBytes, maxBatch, maxConnections, maxNesting, value);
    }

    /**
     * Returns a copy that also listens on a loopback TCP address.
     *
     * @param address the loopback address and port (port 0 picks a free one)
     * @return the copy
     */
    public RpcServerConfig withTcp(final InetSocketAddress address) {
        return new RpcServerConfig(socketPath, Optional.of(address), maxRequestBytes, maxBatch, maxConnections,
                maxNesting, idleTimeout);
    }
}

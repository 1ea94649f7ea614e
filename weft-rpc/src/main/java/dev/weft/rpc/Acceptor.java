package dev.weft.rpc;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

/**
 * Accepts connections on the server's listeners, admits or refuses each, and gives each admitted one to the
 * selector thread that serves the fewest connections.
 *
 * <p><b>Implementation overview.</b> The listeners are non-blocking and registered with the first
 * {@link ServerLoop}'s selector, so this runs on that loop's thread whenever a listener is ready, and takes every
 * pending connection at once. Admission: at most {@code maxConnections} open (counted across all loops), and on the
 * UNIX socket only a peer whose credentials ({@code SO_PEERCRED}, read on the non-blocking channel as on a blocking
 * one) name the socket file's owner, root included; anyone else's connection is closed at once and counted as
 * refused. An admitted channel goes to the loop with the fewest connections, ties broken in turn, so a burst of
 * clients spreads evenly over the loops; that loop registers it ({@link ServerLoop#adopt}).
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger(JsonRpcServer.class.getName());

    private final RpcServerConfig config;
    private final UserPrincipal owner;
    private final ServerSocketChannel unixListener;
    private final List<ServerLoop> loops;
    private final ServerCounters counters;
    private int next;

    Acceptor(final RpcServerConfig config, final UserPrincipal owner, final ServerSocketChannel unixListener,
            final List<ServerLoop> loops, final ServerCounters counters) {
        this.config = config;
        this.owner = owner;
        this.unixListener = unixListener;
        this.loops = List.copyOf(loops);
        this.counters = counters;
    }

    /**
     * Takes every connection waiting on a listener; the first loop's thread only.
     *
     * @param listener a listener the selector found ready
     */
    void accept(final ServerSocketChannel listener) {
        while (true) {
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
                counters.refused.incrementAndGet();
                ServerLoop.closeQuietly(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
            } catch (final IOException e) {
                LOG.log(System.Logger.Level.WARNING, "RPC connection dropped on accept: " + e.getMessage());
                ServerLoop.closeQuietly(channel);
                continue;
            }
            counters.open.incrementAndGet();
            leastBusy().adopt(channel);
        }
    }

    private ServerLoop leastBusy() {
        ServerLoop best = loops.get(next);
        for (int i = 1; i < loops.size(); i++) {
            final ServerLoop loop = loops.get((next + i) % loops.size());
            if (loop.connectionCount() < best.connectionCount()) {
                best = loop;
            }
        }
        next = (next + 1) % loops.size();
        return best;
    }

    private boolean admit(final SocketChannel channel, final boolean unix) {
        if (counters.open.get() >= config.maxConnections()) {
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
}

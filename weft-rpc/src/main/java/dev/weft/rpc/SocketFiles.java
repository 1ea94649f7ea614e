package dev.weft.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Binds a UNIX socket so that only its owner can ever connect, replacing a stale socket file and never a live one.
 *
 * <p><b>Implementation overview.</b> Java cannot set the umask, so a socket bound in place would exist, briefly,
 * with the umask's permissions. Instead the socket is bound inside a fresh directory of mode 0700 beside the target
 * (nobody else can reach it there), set to mode 0600, and then hard-linked into place: {@code link(2)} fails if
 * the target exists, so two servers racing for one path cannot replace each other's socket. An existing target is
 * probed first: if a connection succeeds a server lives there and binding fails with a clear message; if it is
 * refused the file is stale (its server died) and is deleted; anything that is not a socket is left alone.
 */
final class SocketFiles {

    private SocketFiles() {
    }

    static ServerSocketChannel bindPrivately(final Path target) {
        final Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot create RPC socket " + target + ": directory " + parent
                    + " does not exist");
        }
        removeIfStale(target);
        Path privateDir = null;
        try {
            privateDir = Files.createTempDirectory(parent, ".weft-rpc-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            final Path bound = privateDir.resolve("s");
            final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(bound));
                Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
                Files.createLink(target, bound);
                Files.delete(bound);
                return server;
            } catch (final FileAlreadyExistsException e) {
                server.close();
                throw new IllegalStateException("cannot create RPC socket " + target + ": another server created "
                        + "it just now", e);
            } catch (final IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create RPC socket " + target + ": " + e.getMessage(), e);
        } finally {
            if (privateDir != null) {
                deleteQuietly(privateDir.resolve("s"));
                deleteQuietly(privateDir);
            }
        }
    }

    private static void removeIfStale(final Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(target,
                LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(target)) {
            throw new IllegalStateException("cannot create RPC socket " + target + ": something that is not a "
                    + "socket is there; remove it or choose another path");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(target))) {
            throw new IllegalStateException("cannot create RPC socket " + target + ": a server is listening there "
                    + "(stop it, or choose another socket path)");
        } catch (final IOException probeFailure) {
            if (!(probeFailure instanceof ConnectException)) {
                throw new IllegalStateException("cannot create RPC socket " + target + ": cannot tell whether a "
                        + "server lives there (" + probeFailure.getMessage() + "); remove it by hand if not",
                        probeFailure);
            }
            try {
                Files.deleteIfExists(target);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot remove stale RPC socket " + target, e);
            }
        }
    }

    static void deleteQuietly(final Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (final IOException ignored) {
            // Best effort: a leftover private directory holds nothing that can be reached.
        }
    }
}

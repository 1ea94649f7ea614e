package dev.weft.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Binds a UNIX socket so that only its owner can ever connect, replacing a stale socket file and nothing else, and
 * deletes at stop only the file it created. Stateless. A path too long for the kernel or in a missing directory gets
 * an {@link IllegalArgumentException}; a file that is not a socket, a live server, or a race for the path gets an
 * {@link IllegalStateException} saying which; a failed file operation an {@link UncheckedIOException}. Each names
 * the path.
 */
final class SocketFiles {

    /*
     * Implementation overview.
     *
     * Binding. Java cannot set the umask, so a socket bound in place would exist, briefly, with the umask's
     * permissions. Instead the socket is bound inside a fresh directory of mode 0700 beside the target (nobody else
     * can reach it there), set to mode 0600, and then hard-linked into place: link(2) fails if the target exists, so
     * two servers racing for one path cannot replace each other's socket. The private directory is removed after.
     *
     * Deleting. The file's identity (device and inode) is kept, and deleteIfOurs removes the path only while it still
     * names that inode, so a server that stops never deletes another server's socket that took the path meanwhile.
     *
     * An existing target. It is looked at with lstat: anything that is not a socket (a regular file, a FIFO, a
     * device, a directory, a symbolic link) is refused and left alone; a socket is probed with a connection bounded
     * in time (PROBE_TIMEOUT): accepted means a server lives there, refused means the file is stale (its server died)
     * and it is deleted, no answer in time means a server is there but does not accept, and it is left alone.
     *
     * Length. Paths longer than the kernel's sun_path (108 bytes with the terminating NUL) are refused before
     * anything is created; the path inside the private directory is checked too.
     */

    /** The longest UNIX socket path the kernel takes, in bytes, without the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Connections the kernel queues before the accept thread takes them (the kernel caps it at somaxconn). */
    private static final int BACKLOG = 128;

    /**
     * A bound listener and the identity of the socket file it created.
     *
     * @param channel the listening channel
     * @param fileKey the file's device and inode ({@link BasicFileAttributes#fileKey()})
     */
    record Bound(ServerSocketChannel channel, Object fileKey) {}

    private SocketFiles() {}

    static Bound bindPrivately(final Path target) {
        checkLength(target.toAbsolutePath(), target);
        final Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(
                    "cannot create RPC socket " + target + ": directory " + parent + " does not exist");
        }
        removeIfStale(target);
        Path privateDir = null;
        try {
            privateDir = createPrivateDirectory(parent);
            final Path bound = privateDir.resolve("s");
            checkLength(bound, target);
            final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(bound), BACKLOG);
                Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
                Files.createLink(target, bound);
                Files.delete(bound);
                return new Bound(server, fileKey(target));
            } catch (final FileAlreadyExistsException e) {
                server.close();
                throw new IllegalStateException(
                        "cannot create RPC socket " + target + ": another server created " + "it just now", e);
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

    /**
     * Deletes the socket file if the path still names the file this server created.
     *
     * @param path the socket path
     * @param fileKey the identity recorded at bind time
     * @return whether it was deleted
     */
    static boolean deleteIfOurs(final Path path, final Object fileKey) {
        try {
            return Objects.equals(fileKey(path), fileKey) && Files.deleteIfExists(path);
        } catch (final IOException e) {
            return false;
        }
    }

    private static void checkLength(final Path path, final Path target) {
        final int length = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("cannot create RPC socket " + target + ": the path " + path + " is "
                    + length + " bytes long, and a UNIX socket path may be at most " + MAX_PATH_BYTES
                    + " bytes (the kernel's sun_path); choose a shorter path");
        }
    }

    private static Path createPrivateDirectory(final Path parent) throws IOException {
        while (true) {
            final byte[] random = new byte[4];
            ThreadLocalRandom.current().nextBytes(random);
            final Path dir = parent.resolve(".weft-" + HexFormat.of().formatHex(random));
            try {
                return Files.createDirectory(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (final FileAlreadyExistsException e) {
                // another name is tried: the random part collided
            }
        }
    }

    private static Object fileKey(final Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }

    private static void removeIfStale(final Path target) {
        final int mode;
        final Object key;
        try {
            mode = (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            key = fileKey(target);
        } catch (final NoSuchFileException e) {
            return;
        } catch (final IOException e) {
            throw new UncheckedIOException(
                    "cannot create RPC socket " + target + ": cannot look at the file " + "there: " + e.getMessage(),
                    e);
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IllegalStateException("cannot create RPC socket " + target + ": " + describe(mode)
                    + " is there, not a socket; weft replaces only a stale socket: remove it or choose another path");
        }
        if (probe(target)) {
            throw new IllegalStateException("cannot create RPC socket " + target + ": a server is listening there "
                    + "(stop it, or choose another socket path)");
        }
        if (!deleteIfOurs(target, key) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("cannot create RPC socket " + target + ": the stale socket there was "
                    + "replaced while it was being removed; try again");
        }
    }

    /** Returns true if a server accepts or holds a connection there, false if the connection is refused. */
    private static boolean probe(final Path target) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            probe.configureBlocking(false);
            if (probe.connect(UnixDomainSocketAddress.of(target))) {
                return true;
            }
            probe.register(selector, SelectionKey.OP_CONNECT);
            if (selector.select(PROBE_TIMEOUT.toMillis()) == 0) {
                throw new IllegalStateException("cannot create RPC socket " + target + ": a server is there but "
                        + "did not accept a connection within " + PROBE_TIMEOUT.toSeconds() + " s (stop it, or "
                        + "choose another socket path)");
            }
            return probe.finishConnect();
        } catch (final ConnectException e) {
            return false;
        } catch (final IOException e) {
            throw new IllegalStateException(
                    "cannot create RPC socket " + target + ": cannot tell whether a " + "server lives there ("
                            + e.getMessage() + "); remove it by hand if not",
                    e);
        }
    }

    private static String describe(final int mode) {
        return switch (mode & S_IFMT) {
            case 0100000 -> "a regular file";
            case 0040000 -> "a directory";
            case 0120000 -> "a symbolic link";
            case 0010000 -> "a FIFO";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            default -> "a file of type " + Integer.toOctalString(mode & S_IFMT);
        };
    }

    static void deleteQuietly(final Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (final IOException ignored) {
            // Best effort: a leftover private directory holds nothing that can be reached.
        }
    }
}

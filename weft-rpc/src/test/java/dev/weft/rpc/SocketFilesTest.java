package dev.weft.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.IntNode;

/** The server replaces only a stale socket, deletes only its own, and refuses paths the kernel cannot take. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketFilesTest {

    @TempDir
    Path dir;

    private static RpcRegistry registry() {
        return new RpcRegistry(RpcState.RUNTIME).runtime("one", params -> IntNode.valueOf(1));
    }

    private static int callOne(final Path socket) {
        try (JsonRpcClient client = JsonRpcClient.connect(socket, false)) {
            return client.call("one", null).asInt();
        }
    }

    @Test
    void aFifoAtThePathIsNeitherProbedAwayNorDeleted() throws Exception {
        final Path fifo = dir.resolve("fifo.sock");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(fifo), registry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a FIFO is there, not a socket");
        assertThat(Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS))
                .isNotNull();
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(fifo).exists();
    }

    @Test
    void aCharacterDeviceIsLeftAlone() {
        final Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(devNull), registry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a character device is there, not a socket");
        assertThat(devNull).exists();
    }

    @Test
    void aRegularFileADirectoryAndASymbolicLinkAreLeftAlone() throws IOException {
        final Path file = Files.writeString(dir.resolve("notes.sock"), "keep me");
        final Path directory = Files.createDirectory(dir.resolve("dir.sock"));
        final Path link = Files.createSymbolicLink(dir.resolve("link.sock"), file);
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(file), registry()))
                .hasMessageContaining("a regular file is there, not a socket");
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(directory), registry()))
                .hasMessageContaining("a directory is there, not a socket");
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(link), registry()))
                .hasMessageContaining("a symbolic link is there, not a socket");
        assertThat(file).hasContent("keep me");
        assertThat(directory).isDirectory();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aStoppingServerLeavesAnotherServersSocketAtItsPath() throws IOException {
        final Path socket = dir.resolve("shared.sock");
        final JsonRpcServer first = JsonRpcServer.start(RpcServerConfig.defaults(socket), registry());
        Files.delete(socket);
        try (JsonRpcServer second = JsonRpcServer.start(RpcServerConfig.defaults(socket), registry())) {
            first.close();
            assertThat(socket).exists();
            assertThat(callOne(socket)).isEqualTo(1);
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aStaleSocketIsReplacedAndALiveOneIsNot() throws IOException {
        final Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel orphan = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            orphan.bind(UnixDomainSocketAddress.of(stale));
        }
        try (JsonRpcServer server = JsonRpcServer.start(RpcServerConfig.defaults(stale), registry())) {
            assertThat(callOne(stale)).isEqualTo(1);
            assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(stale), registry()))
                    .hasMessageContaining("a server is listening there");
            assertThat(callOne(stale)).isEqualTo(1);
        }
    }

    @Test
    void aSocketWhoseServerNeverAcceptsIsLeftAloneWithinTheProbeTimeout() throws IOException {
        final Path busy = dir.resolve("busy.sock");
        final List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(busy), 1);
            for (int i = 0; i < 8; i++) {
                final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.configureBlocking(false);
                queued.add(channel);
                try {
                    channel.connect(UnixDomainSocketAddress.of(busy));
                } catch (final IOException full) {
                    break;
                }
            }
            assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(busy), registry()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageMatching(".*(a server is listening there|did not accept a connection within 2 s"
                            + "|cannot tell whether a server lives there).*");
            assertThat(busy).exists();
        } finally {
            for (final SocketChannel channel : queued) {
                channel.close();
            }
        }
    }

    @Test
    void aPathLongerThanTheKernelTakesIsRefusedBeforeAnythingIsCreated() throws IOException {
        final int room =
                SocketFiles.MAX_PATH_BYTES - dir.toAbsolutePath().toString().length() - 1;
        final Path fits = dir.resolve("f".repeat(Math.min(room, 40)));
        final Path tooLong = dir.resolve("x".repeat(room + 1));
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(tooLong), registry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 108 bytes long, and a UNIX socket path may be at most 107 bytes");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
        try (JsonRpcServer server = JsonRpcServer.start(RpcServerConfig.defaults(fits), registry())) {
            assertThat(callOne(fits)).isEqualTo(1);
        }
    }
}

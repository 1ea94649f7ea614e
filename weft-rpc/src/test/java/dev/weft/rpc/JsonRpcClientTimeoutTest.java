package dev.weft.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client never hangs on a server that accepts and never answers, nor on one that never accepts. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonRpcClientTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOutWithAClearMessage() throws IOException {
        final Path path = dir.resolve("mute.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(path));
            try (JsonRpcClient client =
                            JsonRpcClient.connect(UnixDomainSocketAddress.of(path), false, Duration.ofMillis(200));
                    SocketChannel accepted = mute.accept()) {
                assertThat(accepted).isNotNull();
                assertThatThrownBy(() -> client.call("framework_get_reactors", null))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining("did not answer within 200 ms (timeout)");
            }
        }
    }

    @Test
    void aServerThatNeverAcceptsFailsTheConnectionInsteadOfHanging() throws IOException {
        final Path path = dir.resolve("full.sock");
        final List<JsonRpcClient> queued = new ArrayList<>();
        try (ServerSocketChannel full = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            full.bind(UnixDomainSocketAddress.of(path), 1);
            boolean refused = false;
            for (int i = 0; i < 16 && !refused; i++) {
                try {
                    queued.add(JsonRpcClient.connect(UnixDomainSocketAddress.of(path), false, Duration.ofMillis(200)));
                } catch (final UncheckedIOException e) {
                    assertThat(e).hasMessageContaining("cannot connect to the RPC server at " + path);
                    refused = true;
                }
            }
            assertThat(refused)
                    .as("a listener that never accepts fills its backlog, then connecting fails")
                    .isTrue();
        } finally {
            queued.forEach(JsonRpcClient::close);
        }
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(
                        () -> JsonRpcClient.connect(UnixDomainSocketAddress.of(dir.resolve("x")), false, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}

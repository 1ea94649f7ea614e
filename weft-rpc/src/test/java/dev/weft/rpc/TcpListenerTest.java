package dev.weft.rpc;

import static dev.weft.rpc.RpcTestSupport.closedByServer;
import static dev.weft.rpc.RpcTestSupport.readLines;
import static dev.weft.rpc.RpcTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.IntNode;

/** The TCP listener is an explicit opt-in, loopback only, and serves only clients that present the token. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpListenerTest {

    private static final String TOKEN = "s3cret-token-0123456789";

    @TempDir
    Path dir;

    private static RpcRegistry registry() {
        return new RpcRegistry(RpcState.RUNTIME).runtime("one", params -> IntNode.valueOf(1));
    }

    private RpcServerConfig config(final InetSocketAddress address, final String token) {
        return RpcServerConfig.defaults(dir.resolve("t.sock")).withTcpOpenToAllLocalUsers(address, token);
    }

    @Test
    void onlyLoopbackAndOnlyWithALongEnoughToken() {
        assertThatThrownBy(() -> config(new InetSocketAddress("8.8.8.8", 5260), TOKEN))
                .hasMessageContaining("only on a loopback address");
        assertThatThrownBy(() -> config(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "short"))
                .hasMessageContaining("at least 16 characters");
        assertThat(config(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN)
                        .tcp()
                        .orElseThrow()
                        .toString())
                .doesNotContain(TOKEN);
    }

    @Test
    void aClientWithTheTokenIsServedAndOthersAreRefused() throws IOException {
        try (JsonRpcServer server = JsonRpcServer.start(
                config(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN), registry())) {
            final InetSocketAddress address = server.tcpAddress().orElseThrow();
            try (JsonRpcClient client = JsonRpcClient.connect(address, true)) {
                client.authenticate(TOKEN);
                assertThat(client.call("one", null).asInt()).isEqualTo(1);
            }
            try (JsonRpcClient client = JsonRpcClient.connect(address, false)) {
                assertThatThrownBy(() -> client.call("one", null))
                        .isInstanceOfSatisfying(
                                RpcError.class, e -> assertThat(e.code()).isEqualTo(-32001))
                        .hasMessageContaining("not authenticated");
            }
            try (JsonRpcClient client = JsonRpcClient.connect(address, false)) {
                assertThatThrownBy(() -> client.authenticate(TOKEN + "x")).isInstanceOf(RpcError.class);
            }
            try (SocketChannel channel = SocketChannel.open(address)) {
                write(
                        channel,
                        "{\"method\":\"weft_authenticate\",\"params\":{\"token\":\"" + TOKEN + "\"}}"
                                + "{\"method\":\"one\",\"id\":2}");
                assertThat(readLines(channel, 1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":1}\n");
            }
            try (SocketChannel channel = SocketChannel.open(address)) {
                write(channel, "{\"method\":\"one\",\"id\":1}");
                assertThat(readLines(channel, 1)).contains("-32001");
                assertThat(closedByServer(channel)).isTrue();
            }
        }
    }

    @Test
    void aTcpListenerThatCannotStartSaysWhyAndLeavesNoSocketBehind() throws IOException {
        final InetSocketAddress ipv6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final InetSocketAddress busy =
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            assertThatThrownBy(() -> JsonRpcServer.start(config(busy, TOKEN), registry()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on TCP " + busy);
            assertThat(Files.list(dir).toList()).isEmpty();
        }
        try (JsonRpcServer server = JsonRpcServer.start(config(ipv6, TOKEN), registry());
                JsonRpcClient client = JsonRpcClient.connect(server.tcpAddress().orElseThrow(), false)) {
            client.authenticate(TOKEN);
            assertThat(client.call("one", null).asInt()).isEqualTo(1);
        } catch (final UncheckedIOException noIpv6) {
            assertThat(noIpv6).hasMessageContaining("cannot listen on TCP " + ipv6);
            assertThat(noIpv6.getMessage()).doesNotEndWith("null");
        }
        assertThat(Files.list(dir).toList()).isEmpty();
    }
}

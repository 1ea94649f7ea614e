package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code weft rpc} and {@code weft top} give up on a server that accepts and never answers, and say so. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientTimeoutsTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run weft(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = WeftCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    /** Runs a command against a socket whose server accepts every connection and never writes a byte. */
    private Run againstAMuteServer(final String... args) throws Exception {
        final Path path = dir.resolve("mute.sock");
        final List<SocketChannel> held = new ArrayList<>();
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(path));
            final CompletableFuture<Void> acceptor = CompletableFuture.runAsync(() -> {
                try {
                    while (true) {
                        held.add(mute.accept());
                    }
                } catch (final java.io.IOException closed) {
                    // the test is over
                }
            });
            final String[] full = new String[args.length + 2];
            full[0] = args[0];
            full[1] = "-s";
            full[2] = path.toString();
            System.arraycopy(args, 1, full, 3, args.length - 1);
            final Run run = weft(full);
            mute.close();
            acceptor.join();
            return run;
        } finally {
            for (final SocketChannel channel : held) {
                channel.close();
            }
        }
    }

    @Test
    void rpcTimesOutWithAClearMessage() throws Exception {
        final Run run = againstAMuteServer("rpc", "--timeout", "0.2", "framework_get_reactors");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("weft rpc: ", "did not answer within 200 ms (timeout)");
    }

    @Test
    void topTimesOutWithAClearMessage() throws Exception {
        final Run run = againstAMuteServer("top", "--timeout", "0.2", "--once");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("weft top: cannot reach", "did not answer within 200 ms (timeout)");
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThat(weft("rpc", "--timeout", "0", "framework_get_reactors").err())
                .contains("--timeout must be positive");
        assertThat(weft("top", "--timeout", "-1", "--once").err()).contains("--timeout must be positive");
    }
}

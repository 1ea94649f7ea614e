package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RpcCommandTest {

    @TempDir
    Path dir;

    private JsonRpcServer server;

    private record Run(int status, String out, String err) {}

    @BeforeEach
    void start() {
        server = JsonRpcServer.start(
                RpcServerConfig.defaults(dir.resolve("weft.sock")),
                new RpcRegistry(RpcState.RUNTIME)
                        .runtime("echo", params -> params)
                        .runtime("refuse", params -> {
                            throw RpcError.invalidParams("Invalid parameters");
                        }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run weft(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = WeftCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void printsTheResultPrettyPrinted() {
        final Run run = weft("rpc", "-s", server.socketPath().toString(), "echo", "{\"name\":\"dynamic\"}");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("{\n  \"name\" : \"dynamic\"\n}\n");
    }

    @Test
    void printsErrorsWithTheirCode() {
        final Run run = weft("rpc", "-s", server.socketPath().toString(), "refuse");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("weft rpc: refuse failed: error -32602: Invalid parameters");
        final Run missing = weft("rpc", "-s", server.socketPath().toString(), "nope");
        assertThat(missing.err()).contains("error -32601: Method not found");
    }

    @Test
    void badParametersAndMissingServersAreClearErrors() {
        assertThat(weft("rpc", "-s", server.socketPath().toString(), "echo", "{oops")
                        .err())
                .contains("PARAMS-JSON is not JSON");
        assertThat(weft("rpc", "-s", server.socketPath().toString(), "echo", "5")
                        .err())
                .contains("PARAMS-JSON must be an object or an array, not 5");
        final Run none = weft("rpc", "-s", dir.resolve("none.sock").toString(), "echo");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("cannot connect to the RPC server at " + dir.resolve("none.sock"));
    }
}

package dev.weft.cli;

import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcServerConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code weft rpc [-s PATH] METHOD [PARAMS-JSON]}: calls one method on a weft (or SPDK) JSON-RPC server and prints
 * the result pretty-printed, or the error with its code.
 *
 * <p>Exit status: 0 for a result, 1 for an error answer, 2 when the call could not be made (bad parameters JSON,
 * no server, no answer within the timeout, 10 s unless {@code --timeout} says otherwise).
 */
@Command(
        name = "rpc",
        mixinStandardHelpOptions = true,
        description = "Call a JSON-RPC method on a running weft (or SPDK) and print its result.")
public final class RpcCommand implements Callable<Integer> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Option(
            names = {"-s", "--socket"},
            paramLabel = "PATH",
            description = "The server's UNIX socket (default ${DEFAULT-VALUE}).")
    private Path socket = RpcServerConfig.DEFAULT_SOCKET;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            description = "How long to wait to connect and for the answer, in seconds (default ${DEFAULT-VALUE}).")
    private double timeoutSeconds = JsonRpcClient.DEFAULT_TIMEOUT.toSeconds();

    @Parameters(index = "0", paramLabel = "METHOD", description = "The method, for example framework_get_reactors.")
    private String method;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "PARAMS-JSON",
            description = "The parameters as one JSON object or array, for example '{\"name\":\"dynamic\"}'.")
    private String params;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public RpcCommand() {}

    /**
     * Makes the call and prints the answer.
     *
     * @return 0 for a result, 1 for an error answer, 2 when the call could not be made
     */
    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        JsonNode parsed = null;
        if (params != null) {
            try {
                parsed = MAPPER.readTree(params);
            } catch (final JacksonException e) {
                err.println("weft rpc: PARAMS-JSON is not JSON: " + e.getOriginalMessage());
                return 2;
            }
            if (!parsed.isObject() && !parsed.isArray()) {
                err.println("weft rpc: PARAMS-JSON must be an object or an array, not " + params);
                return 2;
            }
        }
        if (!(timeoutSeconds > 0)) {
            err.println("weft rpc: --timeout must be positive, not " + timeoutSeconds);
            return 2;
        }
        try (JsonRpcClient client = JsonRpcClient.connect(
                UnixDomainSocketAddress.of(socket), false, Duration.ofNanos((long) (timeoutSeconds * 1e9)))) {
            final JsonNode result = client.call(method, parsed);
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return 0;
        } catch (final RpcError e) {
            err.println("weft rpc: " + method + " failed: error " + e.code() + ": " + e.getMessage());
            return 1;
        } catch (final UncheckedIOException e) {
            err.println("weft rpc: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }
}

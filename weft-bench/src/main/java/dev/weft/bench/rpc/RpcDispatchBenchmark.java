package dev.weft.bench.rpc;

import dev.weft.rpc.RequestDispatcher;
import dev.weft.rpc.ResponseBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's CPU cost per request without any socket: parse the request bytes, dispatch, run the method, write the
 * compact response bytes into a reused {@link ResponseBuffer}, as one connection thread does.
 * {@code framework_get_reactors} reads two reactors' stats; the anchor {@code rpc_get_methods} is the same path
 * with a trivial method, and {@code parse_write_only} parses and writes the request without dispatching it. Setup
 * checks one response of each.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RpcDispatchBenchmark {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    @Param({"framework_get_reactors", "rpc_get_methods", "parse_write_only"})
    String method;

    private RpcFixture fixture;
    private RequestDispatcher dispatcher;
    private final ResponseBuffer out = new ResponseBuffer();
    private byte[] request;

    /** Starts the runtime and checks one response. */
    @Setup(Level.Trial)
    public void start() {
        fixture = new RpcFixture();
        dispatcher = new RequestDispatcher(fixture.registry, 1024);
        final String name = method.equals("parse_write_only") ? "rpc_get_methods" : method;
        request = ("{\"jsonrpc\":\"2.0\",\"method\":\"" + name + "\",\"id\":1}").getBytes(StandardCharsets.US_ASCII);
        final String response = new String(serve(), StandardCharsets.UTF_8);
        if (!response.startsWith(
                method.equals("parse_write_only")
                        ? "{\"jsonrpc\":\"2.0\",\"method\""
                        : "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":")) {
            throw new IllegalStateException(method + " answered " + response);
        }
    }

    /** Stops the runtime. */
    @TearDown(Level.Trial)
    public void stop() {
        fixture.close();
    }

    /**
     * One request, bytes in to bytes out.
     *
     * @return the response bytes
     */
    @Benchmark
    public byte[] serve() {
        final JsonNode value = MAPPER.readTree(request);
        if (method.equals("parse_write_only")) {
            return MAPPER.writeValueAsBytes(value);
        }
        out.clear();
        if (!dispatcher.dispatch(value, out)) {
            throw new IllegalStateException(method + " was not answered");
        }
        return out.toByteArray();
    }
}

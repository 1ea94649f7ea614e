package dev.weft.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;

class RequestDispatcherTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger streamCalls = new AtomicInteger();
    private final AtomicInteger streamWrites = new AtomicInteger();
    private final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME)
            .runtime("ping", params -> IntNode.valueOf(pings.incrementAndGet()))
            .runtime("fail", params -> {
                throw RpcError.invalidParams("Invalid parameters");
            })
            .runtime("crash", params -> {
                throw new IllegalStateException("broken inside");
            })
            .register("startup_only", EnumSet.of(RpcState.STARTUP), params -> BooleanNode.TRUE)
            .runtimeStreaming("stream", params -> {
                streamCalls.incrementAndGet();
                return out -> {
                    streamWrites.incrementAndGet();
                    out.writeStartObject();
                    out.writeNumberProperty("n", 7);
                    out.writeArrayPropertyStart("list");
                    out.writeString("a");
                    out.writeEndArray();
                    out.writeEndObject();
                };
            })
            .runtimeStreaming("stream_breaks", params -> out -> {
                out.writeStartObject();
                out.writeArrayPropertyStart("half");
                throw new IllegalStateException("counter vanished");
            });
    private final RequestDispatcher dispatcher = new RequestDispatcher(registry, 3);

    private String answer(final String request) {
        final ResponseBuffer out = new ResponseBuffer();
        return dispatcher.dispatch(MAPPER.readTree(request), out)
                ? new String(out.toByteArray(), StandardCharsets.UTF_8)
                : "<none>";
    }

    @Test
    void answersARequestWithIdThenResult() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":\"x\",\"params\":{}}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":2}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":123456789012345678901234567890}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"result\":3}");
    }

    @Test
    void notificationsRunAndOnlyTheirErrorsAreAnsweredWithIdNullAsSpdkDoes() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}")).isEqualTo("<none>");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":null}"))
                .isEqualTo("<none>");
        assertThat(pings).hasValue(2);
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\","
                        + "\"id\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":null}"))
                .isEqualTo("{\"jsonrpc\":"
                        + "\"2.0\",\"id\":null,\"error\":{\"code\":-32602,\"message\":\"Invalid parameters\"}}");
    }

    @Test
    void batchesAnswerTheirNonNotificationsInOrder() {
        assertThat(answer("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":3}]"))
                .isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,"
                        + "\"message\":\"Method not found\"}}]");
        assertThat(answer("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}]")).isEqualTo("<none>");
        assertThat(answer("[]")).contains("-32600", "empty batch", "\"id\":null");
        assertThat(answer("[1,2,3,4]")).contains("-32600", "a batch may hold at most 3 requests");
        assertThat(answer("[1]"))
                .isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                        + "\"message\":\"Invalid request: a request must be an object\"}}]");
    }

    @Test
    void invalidRequestsGetMinus32600NamingTheFaultWithIdNullUnlessOnlyParamsAreWrong() {
        assertThat(answer("5")).contains("-32600", "must be an object");
        assertThat(answer("{\"jsonrpc\":\"1.0\",\"method\":\"ping\",\"id\":1}"))
                .contains("-32600", "member jsonrpc must be \\\"2.0\\\"", "\"id\":null");
        assertThat(answer("{\"jsonrpc\":2,\"method\":\"ping\",\"id\":1}")).contains("-32600");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{}}"))
                .contains("-32600", "member id must be a string, number or null", "\"id\":null");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":7,\"id\":1}"))
                .contains("member method must be a string", "\"id\":null");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1,\"params\":3}"))
                .contains("member params must be an object, an array or null", "\"id\":1");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1,\"extra\":true}"))
                .contains("-32600", "unknown member 'extra'", "\"id\":null");
        assertThat(pings).hasValue(0);
    }

    @Test
    void methodErrorsKeepTheirCodeAndOtherExceptionsBecomeInternalErrors() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"id\":1}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,"
                        + "\"message\":\"Invalid parameters\"}}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"crash\",\"id\":1}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,"
                        + "\"message\":\"broken inside\"}}");
    }

    @Test
    void methodsCalledInTheWrongStateGetMinusOne() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"startup_only\",\"id\":1}"))
                .contains("\"code\":-1", "Method may only be called before framework is initialized");
        registry.state(RpcState.STARTUP);
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"startup_only\",\"id\":1}"))
                .contains("\"result\":true");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}"))
                .contains("\"code\":-1", "Method may only be called after framework is initialized");
    }

    @Test
    void rpcGetMethodsListsEverythingOrWhatIsCallableNow() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"rpc_get_methods\",\"id\":1}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"rpc_get_methods\",\"ping\",\"fail\",\"crash\","
                        + "\"startup_only\",\"stream\",\"stream_breaks\"]}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"rpc_get_methods\",\"id\":1,"
                        + "\"params\":{\"current\":true,\"include_aliases\":false}}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"rpc_get_methods\",\"ping\",\"fail\",\"crash\","
                        + "\"stream\",\"stream_breaks\"]}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"rpc_get_methods\",\"id\":1,\"params\":{\"x\":1}}"))
                .contains("-32602", "no parameter 'x'");
    }

    @Test
    void streamingMethodsWriteTheirResultInPlace() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"stream\",\"id\":\"s\"}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"result\":{\"n\":7,\"list\":[\"a\"]}}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"stream\"}")).isEqualTo("<none>");
        assertThat(streamCalls).as("a notification runs the method").hasValue(2);
        assertThat(streamWrites).as("but never writes its result").hasValue(1);
    }

    @Test
    void aResultThatFailsHalfWrittenIsReplacedByOneInternalError() {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"method\":\"stream_breaks\",\"id\":1}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,"
                        + "\"message\":\"method 'stream_breaks' failed writing its result: counter vanished\"}}");
        assertThat(answer("[{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"stream_breaks\",\"id\":2},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"stream\",\"id\":3}]"))
                .isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32603,"
                        + "\"message\":\"method 'stream_breaks' failed writing its result: counter vanished\"}},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"n\":7,\"list\":[\"a\"]}}]");
    }

    @Test
    void aTreeMethodReturningNothingIsAnInternalError() {
        final RpcRegistry broken = new RpcRegistry(RpcState.RUNTIME).runtime("nothing", params -> null);
        final ResponseBuffer out = new ResponseBuffer();
        assertThat(new RequestDispatcher(broken, 1)
                        .dispatch(MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"nothing\",\"id\":1}"), out))
                .isTrue();
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"error\":{\"code\":-32603,\"message\":\"method 'nothing' returned no result\"}}");
    }
}

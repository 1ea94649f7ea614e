package dev.weft.rpc;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValueAssemblerTest {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final String VALUES = """
            {"jsonrpc": "2.0", "method": "echo", "id": 1,
             "params": {"name": "h\\u00e9llo \u2713 \uD83D\uDE00", "n": [1, -2147483649, 123456789012345678901234567890,
                        2.5e-3, -0.0, true, false, null, [], {}], "n": "the last one wins",
                        "deep": [[[{"a": [{"b": {}}]}]]]}}
            [{"jsonrpc":"2.0","method":"a","id":"x"},{"jsonrpc":"2.0","method":"b"}]
            "a string at the top" 42 true null
            {}""";

    /** Feeds the text in pieces of the given size and collects the values the assembler completes. */
    private static List<JsonNode> assemble(final byte[] text, final int piece) {
        final JsonParser parser = new JsonFactory().createNonBlockingByteArrayParser(ObjectReadContext.empty());
        final ByteArrayFeeder feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
        final ValueAssembler assembler = new ValueAssembler();
        final List<JsonNode> values = new ArrayList<>();
        int at = 0;
        while (true) {
            final JsonToken token = parser.nextToken();
            if (token == null) {
                return values;
            }
            if (token == JsonToken.NOT_AVAILABLE) {
                if (at == text.length) {
                    feeder.endOfInput();
                } else {
                    final int end = Math.min(text.length, at + piece);
                    feeder.feedInput(text, at, end);
                    at = end;
                }
                continue;
            }
            final JsonNode value = assembler.add(parser, token);
            assertThat(assembler.inValue()).as("a value is open exactly until it is returned")
                    .isEqualTo(value == null);
            if (value != null) {
                values.add(value);
            }
        }
    }

    private static List<JsonNode> readTreeEach() {
        final List<JsonNode> values = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(VALUES)) {
            while (parser.nextToken() != null) {
                values.add(MAPPER.readTree(parser));
            }
        }
        return values;
    }

    @Test
    void buildsTheTreesReadTreeBuildsWhateverTheReadsCutTheText() {
        final byte[] text = VALUES.getBytes(StandardCharsets.UTF_8);
        final List<JsonNode> expected = readTreeEach();
        assertThat(expected).hasSize(7);
        for (final int piece : new int[] {1, 2, 3, 7, 64, text.length}) {
            final List<JsonNode> values = assemble(text, piece);
            assertThat(values).as("pieces of %d bytes", piece).isEqualTo(expected);
            for (int i = 0; i < values.size(); i++) {
                assertThat(MAPPER.writeValueAsString(values.get(i))).as("value %d in pieces of %d", i, piece)
                        .isEqualTo(MAPPER.writeValueAsString(expected.get(i)));
            }
        }
        final JsonNode params = expected.get(0).get("params");
        assertThat(params.get("n").asString()).isEqualTo("the last one wins");
        assertThat(params.get("name").asString()).isEqualTo("h\u00e9llo \u2713 \uD83D\uDE00");
    }
}

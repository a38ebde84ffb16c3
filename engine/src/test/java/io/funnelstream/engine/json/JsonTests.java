package io.funnelstream.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTests {

    private static Object parse(String json) throws JsonParseException {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldMapEveryValueKind() throws JsonParseException {
        Object value = parse(" {\"s\":\"x\",\"i\":-12,\"d\":1.50,\"e\":2E+3,\"t\":true,\"f\":false,\"n\":null,"
                + "\"a\":[1,[],{}]}\r\n");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "x");
        expected.put("i", -12L);
        expected.put("d", new BigDecimal("1.50"));
        expected.put("e", new BigDecimal("2E+3"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("a", List.of(1L, List.of(), Map.of()));
        assertThat(value).isInstanceOf(LinkedHashMap.class).isEqualTo(expected);
        assertThat(List.<Object>copyOf(((Map<?, ?>) value).keySet())).containsExactly("s", "i", "d", "e", "t", "f", "n", "a");
    }

    @Test
    void shouldKeepIntegersBeyondLongExact() throws JsonParseException {
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(parse("0.1")).isEqualTo(new BigDecimal("0.1"));
        assertThat(parse("-0")).isEqualTo(0L);
    }

    @Test
    void shouldDecodeEscapesAndUtf8() throws JsonParseException {
        assertThat(parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\""))
                .isEqualTo("\"\\/\b\f\n\r\té€😀");
        assertThat(parse("\"é€😀 ok\"")).isEqualTo("é€😀 ok");
    }

    @Test
    void shouldParseTopLevelScalars() throws JsonParseException {
        assertThat(parse("\"a\"")).isEqualTo("a");
        assertThat(parse("null")).isNull();
        assertThat(parse(" true ")).isEqualTo(true);
    }

    @ParameterizedTest(name = "{0} -> {2} at {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                      | 0  | unexpected end of document
            '   '                   | 3  | unexpected end of document
            '{'                     | 1  | expected a member name
            '[1,]'                  | 3  | expected a value
            '{"a":1,}'              | 7  | expected a member name
            '{"a" 1}'               | 5  | expected ':'
            '{a:1}'                 | 1  | expected a member name
            '{"a":1 "b":2}'         | 7  | expected '}'
            '[1 2]'                 | 3  | expected ']'
            '01'                    | 1  | leading zeros
            '-01'                   | 2  | leading zeros
            '1.'                    | 2  | expected a digit
            '.5'                    | 0  | expected a value
            '-'                     | 1  | expected a digit
            '+1'                    | 0  | expected a value
            '1e'                    | 2  | expected a digit
            '1e+'                   | 3  | expected a digit
            'NaN'                   | 0  | expected a value
            'Infinity'              | 0  | expected a value
            'tru'                   | 0  | expected true
            'nul'                   | 0  | expected null
            'True'                  | 0  | expected a value
            '"abc'                  | 4  | unterminated string
            '"\\x"'                  | 1  | invalid escape
            '"\\u12G4"'              | 5  | invalid hex digit
            '"\\u12'                 | 3  | truncated
            '"\\uD800"'              | 1  | unpaired surrogate
            '"\\uDC00"'              | 1  | unpaired surrogate
            '"\\uD800\\u0041"'        | 1  | unpaired surrogate
            '[1] 2'                 | 4  | expected end of document
            '{"a":1}}'              | 7  | expected end of document
            '/*c*/1'                | 0  | expected a value
            '[1,2,]'                | 5  | expected a value
            '{"a":1,"a":2}'         | 7  | duplicate member name "a"
            '1e99999999999'         | 0  | number out of range
            """)
    void shouldRejectMalformedDocumentsWithPosition(String json, int position, String problem) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining(problem)
                .extracting(e -> ((JsonParseException) e).position())
                .isEqualTo(position);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            22 C0 80 22,             invalid UTF-8 sequence,   1
            22 E0 80 80 22,          invalid UTF-8 sequence,   1
            22 ED A0 80 22,          invalid UTF-8 sequence,   1
            22 F4 90 80 80 22,       invalid UTF-8 sequence,   1
            22 F5 80 80 80 22,       invalid UTF-8 sequence,   1
            22 FF 22,                invalid UTF-8 sequence,   1
            22 80 22,                invalid UTF-8 sequence,   1
            22 E2 82 22,             invalid UTF-8 sequence,   1
            22 E2 82,                truncated UTF-8 sequence, 1
            EF BB BF 31,             byte order mark,          0
            22 61 0A 22,             control character 0x0A,   2
            22 61 00 22,             control character 0x00,   2
            C3 A9,                   unexpected byte 0xC3,     0
            """)
    void shouldRejectInvalidBytes(String hexBytes, String problem, int position) {
        byte[] bytes = HexFormat.of().parseHex(hexBytes.replace(" ", ""));

        assertThatThrownBy(() -> Json.parse(bytes))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining(problem)
                .extracting(e -> ((JsonParseException) e).position())
                .isEqualTo(position);
    }

    @Test
    void shouldEnforceDepthLimit() throws JsonParseException {
        JsonLimits limits = new JsonLimits(1024, 3);

        assertThat(Json.parse("[[[1]]]".getBytes(StandardCharsets.US_ASCII), limits)).isEqualTo(List.of(List.of(List.of(1L))));
        assertThatThrownBy(() -> Json.parse("[[[[1]]]]".getBytes(StandardCharsets.US_ASCII), limits))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("nesting deeper than 3");
        assertThatThrownBy(() -> Json.parse("[{\"a\":[{}]}]".getBytes(StandardCharsets.US_ASCII), limits))
                .hasMessageContaining("nesting deeper than 3");
    }

    @Test
    void shouldSurviveDeepNestingWithoutStackOverflow() {
        byte[] deep = new byte[200_000];
        Arrays.fill(deep, (byte) '[');

        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("nesting deeper than 64");
    }

    @Test
    void shouldEnforceSizeLimit() {
        JsonLimits limits = new JsonLimits(8, 64);

        assertThatThrownBy(() -> Json.parse("[1,2,3,4,5]".getBytes(StandardCharsets.US_ASCII), limits))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("exceeds 8 bytes");
    }

    @Test
    void shouldRefuseOverlongNumbers() {
        String digits = "1".repeat(300);

        assertThatThrownBy(() -> parse(digits)).hasMessageContaining("number longer than 256");
    }

    @Test
    void shouldParseDecodedTextAndRejectUnpairedSurrogatesInIt() throws JsonParseException {
        assertThat(Json.parse("{\"k\":\"é\"}")).isEqualTo(Map.of("k", "é"));
        assertThatThrownBy(() -> Json.parse("\"a\uD800b\""))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("unpaired surrogate")
                .extracting(e -> ((JsonParseException) e).position())
                .isEqualTo(2);
    }
}

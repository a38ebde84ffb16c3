package io.funnelstream.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.funnelstream.engine.support.JsonWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class JsonPropertyTests {

    @Property(tries = 500)
    void shouldParseTheSerialisationOfAnyValueBackToIt(@ForAll("values") Object value) throws JsonParseException {
        assertThat(Json.parse(JsonWriter.write(value).getBytes(StandardCharsets.UTF_8))).isEqualTo(value);
        assertThat(Json.parse(JsonWriter.write(value, true).getBytes(StandardCharsets.US_ASCII))).isEqualTo(value);
    }

    @Property(tries = 2000)
    void shouldDecodeStringBytesExactlyAsTheStrictJdkDecoder(@ForAll @Size(max = 12) byte[] content)
            throws JsonParseException {
        byte[] literal = new byte[content.length + 2];
        literal[0] = '"';
        literal[literal.length - 1] = '"';
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            literal[i + 1] = b == '"' || b == '\\' || (b >= 0 && b < 0x20) ? (byte) 'x' : b;
        }
        String jdk = strictJdkDecode(literal, content.length);

        if (jdk == null) {
            assertThatThrownBy(() -> Json.parse(literal)).isInstanceOf(JsonParseException.class);
        } else {
            assertThat(Json.parse(literal)).isEqualTo(jdk);
        }
    }

    @Property(tries = 2000)
    void shouldOnlyEverFailWithJsonParseException(@ForAll byte[] garbage) {
        Throwable thrown = catchThrowable(() -> Json.parse(garbage));

        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(JsonParseException.class));
    }

    @Property(tries = 1000)
    void shouldFailOnAnyTruncationOfAnObject(@ForAll("objects") Map<String, Object> value) {
        byte[] bytes = JsonWriter.write(value).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> Json.parse(truncated)).isInstanceOf(JsonParseException.class);
        }
    }

    private static String strictJdkDecode(byte[] literal, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(literal, 1, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return objectsOf(values());
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.recursive(
                JsonPropertyTests::scalars,
                inner -> Arbitraries.oneOf(
                        inner,
                        inner.list().ofMaxSize(4).map(list -> (Object) list),
                        objectsOf(inner).map(map -> (Object) map)),
                0,
                4);
    }

    private static Arbitrary<Map<String, Object>> objectsOf(Arbitrary<Object> members) {
        return Arbitraries.maps(strings(), members).ofMaxSize(4).map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                strings().map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(19), BigInteger.TEN.pow(30))
                        .map(i -> (Object) new BigDecimal(i)),
                Arbitraries.longs().flatMap(unscaled -> Arbitraries.integers().between(-20, 20)
                        .filter(scale -> scale != 0)
                        .map(scale -> (Object) BigDecimal.valueOf(unscaled, scale))),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE),
                Arbitraries.just(null));
    }

    /** Any text without unpaired surrogates: control characters, astral planes and all. */
    private static Arbitrary<String> strings() {
        return Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(8)
                .map(cps -> {
                    StringBuilder out = new StringBuilder();
                    cps.forEach(out::appendCodePoint);
                    return out.toString();
                });
    }
}

package io.funnelstream.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.bigIntegers;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.funnelstream.engine.support.Generators;
import io.funnelstream.engine.support.JsonWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class JsonPropertyTests {

    @Test
    void shouldParseTheSerialisationOfAnyValueBackToIt() {
        qt().withExamples(500).forAll(values()).checkAssert(value -> {
            assertThat(parse(JsonWriter.write(value).getBytes(StandardCharsets.UTF_8))).isEqualTo(value);
            assertThat(parse(JsonWriter.write(value, true).getBytes(StandardCharsets.US_ASCII))).isEqualTo(value);
        });
    }

    @Test
    void shouldDecodeStringBytesExactlyAsTheStrictJdkDecoder() {
        qt().withExamples(2000).forAll(Generators.bytes(12)).checkAssert(content -> {
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
                assertThat(parse(literal)).isEqualTo(jdk);
            }
        });
    }

    @Test
    void shouldOnlyEverFailWithJsonParseException() {
        qt().withExamples(2000).forAll(Generators.bytes(255)).checkAssert(garbage -> {
            Throwable thrown = catchThrowable(() -> Json.parse(garbage));

            assertThat(thrown).satisfiesAnyOf(
                    t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(JsonParseException.class));
        });
    }

    @Test
    void shouldFailOnAnyTruncationOfAnObject() {
        qt().withExamples(1000).forAll(objectsOf(values())).checkAssert(value -> {
            byte[] bytes = JsonWriter.write(value).getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
                assertThatThrownBy(() -> Json.parse(truncated)).isInstanceOf(JsonParseException.class);
            }
        });
    }

    /** Parses input the property expects to be valid; a parse failure fails the property. */
    private static @Nullable Object parse(byte[] json) {
        try {
            return Json.parse(json);
        } catch (JsonParseException e) {
            throw new AssertionError("could not parse " + new String(json, StandardCharsets.UTF_8), e);
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

    /** Any JSON value, nested up to four levels deep. */
    private static Gen<@Nullable Object> values() {
        return integers().between(0, 4).flatMap(JsonPropertyTests::valuesNestedUpTo);
    }

    private static Gen<@Nullable Object> valuesNestedUpTo(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<@Nullable Object> inner = valuesNestedUpTo(depth - 1);
        return Generate.oneOf(
                inner,
                lists().of(inner).ofSizeBetween(0, 4).map(list -> (Object) list),
                objectsOf(inner).map(map -> (Object) map));
    }

    private record Member(String name, @Nullable Object value) {}

    /** Objects of up to four members. */
    private static Gen<Map<String, @Nullable Object>> objectsOf(Gen<@Nullable Object> values) {
        Gen<List<Member>> members = lists().of(strings().zip(values, Member::new)).ofSizeBetween(0, 4);
        return members.map(list -> {
            Map<String, @Nullable Object> out = new LinkedHashMap<>();
            list.forEach(member -> out.putIfAbsent(member.name(), member.value()));
            return out;
        });
    }

    private static Gen<@Nullable Object> scalars() {
        Gen<Integer> nonZeroScales = integers().between(1, 40).map(i -> i <= 20 ? i - 21 : i - 20);
        Gen<@Nullable Object> nulls = in -> null;
        return Generate.oneOf(
                strings().map(s -> (Object) s),
                longs().all().map(l -> (Object) l),
                bigIntegersBetween(BigInteger.TEN.pow(19), BigInteger.TEN.pow(30)).map(i -> (Object) new BigDecimal(i)),
                longs().all().zip(nonZeroScales, (unscaled, scale) -> (Object) BigDecimal.valueOf(unscaled, scale)),
                arbitrary().pick(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                nulls);
    }

    /** Integers in {@code [min, max]}, the bounds themselves one time in ten. */
    private static Gen<BigInteger> bigIntegersBetween(BigInteger min, BigInteger max) {
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        int bytes = span.bitLength() / 8 + 2;
        return bigIntegers().ofBytes(bytes).map(i -> min.add(i.mod(span))).mix(arbitrary().pick(min, max), 10);
    }

    /** Any text without unpaired surrogates, up to eight code points: control characters, astral planes and all. */
    private static Gen<String> strings() {
        Gen<Integer> codePoints = Generate.oneOf(
                integers().between(0, 0x7F),
                codePointsUpTo(0xFFFF),
                codePointsUpTo(Character.MAX_CODE_POINT));
        return lists().of(codePoints).ofSizeBetween(0, 8).map(cps -> {
            StringBuilder out = new StringBuilder();
            cps.forEach(out::appendCodePoint);
            return out.toString();
        });
    }

    /** Code points from zero to {@code max}, skipping the surrogate range. */
    private static Gen<Integer> codePointsUpTo(int max) {
        int surrogates = Character.MAX_LOW_SURROGATE - Character.MIN_HIGH_SURROGATE + 1;
        return integers().between(0, max - surrogates)
                .map(cp -> cp < Character.MIN_HIGH_SURROGATE ? cp : cp + surrogates);
    }
}

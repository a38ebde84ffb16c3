package io.funnelstream.engine.support;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Arbitrary input for property tests: any bytes, any text. */
public final class Generators {

    private static final int SHORT_ASCII = 16;

    private Generators() {}

    /** Byte arrays of up to {@code maxSize} bytes, every byte value possible. */
    public static Gen<byte[]> bytes(int maxSize) {
        return Generate.byteArrays(integers().between(0, maxSize),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /**
     * Text of up to {@code maxLength} chars, in equal parts: any code point (astral planes and the odd lone
     * surrogate included), the Basic Multilingual Plane either side of the surrogates, and short ASCII, where
     * control characters and the punctuation parsers care about turn up often.
     */
    public static Gen<String> text(int maxLength) {
        return Generate.oneOf(
                strings().allPossible().ofLengthBetween(0, maxLength),
                strings().betweenCodePoints(0, Character.MIN_SURROGATE - 1).ofLengthBetween(0, maxLength),
                strings().betweenCodePoints(Character.MAX_SURROGATE + 1, 0xFFFF).ofLengthBetween(0, maxLength),
                strings().ascii().ofLengthBetween(0, Math.min(maxLength, SHORT_ASCII)));
    }
}

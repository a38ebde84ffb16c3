package io.funnelstream.engine.json;

/** Strict UTF-8 decoding of one multi-byte sequence (RFC 3629: no overlongs, no surrogates, max U+10FFFF). */
final class Utf8 {

    private Utf8() {}

    /** The declared length of a sequence from its lead byte, 0 when the byte cannot lead one. */
    static int length(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** Decodes the sequence starting at {@code at} and appends it to {@code out}, or fails. */
    static void decode(byte[] in, int at, StringBuilder out) throws JsonParseException {
        int lead = in[at] & 0xFF;
        int length = length(lead);
        if (length == 0) {
            throw invalid(at);
        }
        if (at + length > in.length) {
            throw new JsonParseException(at, "truncated UTF-8 sequence");
        }
        int second = in[at + 1] & 0xFF;
        if (second < lowerBound(lead) || second > upperBound(lead)) {
            throw invalid(at);
        }
        int cp = lead & (0xFF >> (length + 1));
        cp = cp << 6 | (second & 0x3F);
        for (int i = 2; i < length; i++) {
            int b = in[at + i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                throw invalid(at);
            }
            cp = cp << 6 | (b & 0x3F);
        }
        out.appendCodePoint(cp);
    }

    /** The second byte's range excludes overlongs (E0, F0), surrogates (ED) and beyond U+10FFFF (F4). */
    private static int lowerBound(int lead) {
        return switch (lead) {
            case 0xE0 -> 0xA0;
            case 0xF0 -> 0x90;
            default -> 0x80;
        };
    }

    private static int upperBound(int lead) {
        return switch (lead) {
            case 0xED -> 0x9F;
            case 0xF4 -> 0x8F;
            default -> 0xBF;
        };
    }

    private static JsonParseException invalid(int at) {
        return new JsonParseException(at, "invalid UTF-8 sequence");
    }
}

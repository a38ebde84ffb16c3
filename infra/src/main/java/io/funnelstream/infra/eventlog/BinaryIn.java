package io.funnelstream.infra.eventlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link BinaryOut} wrote, checking every length against what is left: a damaged payload fails with
 * {@link IllegalArgumentException}, never with an index out of bounds or an allocation of what a length claims.
 */
final class BinaryIn {

    private final byte[] bytes;
    private int at;

    BinaryIn(byte[] bytes) {
        this.bytes = bytes;
    }

    int readByte() {
        need(1);
        return bytes[at++] & 0xff;
    }

    boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new IllegalArgumentException("not a boolean: " + b);
        }
        return b == 1;
    }

    long readLong() {
        return readBigEndian(8);
    }

    int readInt() {
        return (int) readBigEndian(4);
    }

    UUID readUuid() {
        return new UUID(readLong(), readLong());
    }

    @Nullable UUID readOptionalUuid() {
        return readBoolean() ? readUuid() : null;
    }

    Instant readInstant() {
        return Instant.ofEpochSecond(readLong(), readInt());
    }

    String readString(String field) {
        String s = readOptionalString();
        if (s == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return s;
    }

    @Nullable String readOptionalString() {
        long header = readVarint();
        if (header == 0) {
            return null;
        }
        boolean utf16 = ((header - 1) & 1) == 1;
        long length = (header - 1) >>> 1;
        if (length > bytes.length - at) {
            throw new IllegalArgumentException("a string of " + length + " bytes with " + (bytes.length - at)
                    + " left");
        }
        if (utf16 && length % 2 != 0) {
            throw new IllegalArgumentException("chars in an odd number of bytes");
        }
        String s = utf16 ? chars((int) length) : new String(bytes, at, (int) length, StandardCharsets.UTF_8);
        at += (int) length;
        return s;
    }

    private String chars(int length) {
        char[] chars = new char[length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ((bytes[at + 2 * i] & 0xff) << 8 | (bytes[at + 2 * i + 1] & 0xff));
        }
        return new String(chars);
    }

    /** @throws IllegalArgumentException if anything is left: a payload holds one record and nothing else */
    void end() {
        if (at != bytes.length) {
            throw new IllegalArgumentException((bytes.length - at) + " bytes after the record");
        }
    }

    private long readVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("a length longer than 64 bits");
    }

    private long readBigEndian(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (bytes[at++] & 0xff);
        }
        return v;
    }

    private void need(int n) {
        if (bytes.length - at < n) {
            throw new IllegalArgumentException("the payload ends early");
        }
    }
}

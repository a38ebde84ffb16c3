package io.funnelstream.infra.eventlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes the fields of a binary log record: uuids as 16 bytes, instants as seconds and nanoseconds, all big-endian;
 * strings as a header and their bytes. The header, an unsigned LEB128 varint, is 0 for an absent string, else
 * {@code (length << 1 | form) + 1}: form 0 is UTF-8, form 1 its chars (two bytes each, big-endian), for the rare
 * string holding a surrogate, which may stand alone (a JSON escape can make one) where UTF-8 would turn it into
 * {@code ?}. Read by {@link BinaryIn}.
 */
final class BinaryOut {

    private byte[] bytes;
    private int size;

    BinaryOut(int capacity) {
        this.bytes = new byte[capacity];
    }

    BinaryOut writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    BinaryOut writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    BinaryOut writeLong(long value) {
        return writeBigEndian(value, 8);
    }

    BinaryOut writeInt(int value) {
        return writeBigEndian(value, 4);
    }

    private BinaryOut writeBigEndian(long value, int n) {
        ensure(n);
        for (int shift = 8 * (n - 1); shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryOut writeUuid(UUID value) {
        return writeLong(value.getMostSignificantBits()).writeLong(value.getLeastSignificantBits());
    }

    /** A uuid that may be absent: a presence byte, then the uuid. */
    BinaryOut writeOptionalUuid(@Nullable UUID value) {
        writeBoolean(value != null);
        return value == null ? this : writeUuid(value);
    }

    BinaryOut writeInstant(Instant value) {
        return writeLong(value.getEpochSecond()).writeInt(value.getNano());
    }

    BinaryOut writeString(String value) {
        return writeOptionalString(value);
    }

    BinaryOut writeOptionalString(@Nullable String value) {
        if (value == null) {
            return writeVarint(0);
        }
        boolean utf16 = hasSurrogate(value);
        byte[] encoded = utf16 ? chars(value) : value.getBytes(StandardCharsets.UTF_8);
        writeVarint((((long) encoded.length) << 1 | (utf16 ? 1 : 0)) + 1);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, size, encoded.length);
        size += encoded.length;
        return this;
    }

    /** Each char as two bytes, a lone surrogate too (a charset's encoder would replace it). */
    private static byte[] chars(String value) {
        byte[] out = new byte[value.length() * 2];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out[2 * i] = (byte) (c >>> 8);
            out[2 * i + 1] = (byte) c;
        }
        return out;
    }

    private static boolean hasSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private BinaryOut writeVarint(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            writeByte((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        return writeByte((int) v);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

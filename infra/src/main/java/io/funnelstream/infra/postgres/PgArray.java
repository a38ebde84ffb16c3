package io.funnelstream.infra.postgres;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A one-dimensional array parameter sent in Postgres's binary format ({@code array_recv}): uuids as 16 bytes,
 * instants as microseconds since 2000-01-01 UTC, text as UTF-8. The driver sends arrays as text literals, which
 * the server parses element by element ({@code array_in}, then {@code uuid_in} or the date-time parser): for the
 * pipeline's statements, a dozen arrays of thousands of elements per batch, that parsing was a tenth of the
 * server's time and building the literals a tenth of the client's. Byte strings ({@code bytea[]}) go as they are:
 * the driver would send a {@code bytea} as two hex digits per byte, written one character at a time (a third of the
 * service's CPU while the embedded event log took SendGrid batches). Bound as any parameter ({@link PgArrayCodec}
 * encodes it on every connection); null elements allowed.
 */
public final class PgArray {

    private static final int TEXT = 25;
    private static final int TEXT_ARRAY = 1009;
    private static final int UUID_OID = 2950;
    private static final int UUID_ARRAY = 2951;
    private static final int TIMESTAMPTZ = 1184;
    private static final int TIMESTAMPTZ_ARRAY = 1185;
    private static final int BOOL = 16;
    private static final int BOOL_ARRAY = 1000;
    private static final int INT4 = 23;
    private static final int INT4_ARRAY = 1007;
    private static final int BYTEA = 17;
    private static final int BYTEA_ARRAY = 1001;

    /** Microseconds from 1970-01-01 to 2000-01-01, Postgres's epoch for binary date-times. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final int elementType;
    private final int arrayType;
    private final @Nullable Object[] values;

    private PgArray(int elementType, int arrayType, @Nullable Object[] values) {
        this.elementType = elementType;
        this.arrayType = arrayType;
        this.values = values;
    }

    public static PgArray uuids(@Nullable UUID[] values) {
        return new PgArray(UUID_OID, UUID_ARRAY, values);
    }

    /** Instants as Postgres keeps them, truncated to microseconds. */
    public static PgArray instants(@Nullable Instant[] values) {
        return new PgArray(TIMESTAMPTZ, TIMESTAMPTZ_ARRAY, values);
    }

    public static PgArray texts(@Nullable String[] values) {
        return new PgArray(TEXT, TEXT_ARRAY, values);
    }

    public static PgArray booleans(@Nullable Boolean[] values) {
        return new PgArray(BOOL, BOOL_ARRAY, values);
    }

    public static PgArray ints(@Nullable Integer[] values) {
        return new PgArray(INT4, INT4_ARRAY, values);
    }

    /** Byte strings ({@code bytea[]}), each sent as it is. */
    public static PgArray byteas(@Nullable byte[][] values) {
        return new PgArray(BYTEA, BYTEA_ARRAY, values);
    }

    int arrayType() {
        return arrayType;
    }

    /**
     * The array in binary form: header, then each element as its length and bytes (-1 for a null). Written into
     * a heap array of the exact size through a {@link ByteBuffer}: a {@link ByteBuf}'s writes check its reference
     * count and capacity at every call, which was most of this method's time for arrays of thousands of elements.
     */
    ByteBuf encode() {
        if (values.length == 0) {
            return Unpooled.wrappedBuffer(ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(elementType).array());
        }
        byte[][] texts = elementType == TEXT ? new byte[values.length][] : null;
        int size = 20;
        boolean hasNulls = false;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            size += 4;
            if (v == null) {
                hasNulls = true;
            } else if (texts != null) {
                texts[i] = ((String) v).getBytes(StandardCharsets.UTF_8);
                size += texts[i].length;
            } else if (elementType == BYTEA) {
                size += ((byte[]) v).length;
            } else {
                size += switch (elementType) {
                    case UUID_OID -> 16;
                    case TIMESTAMPTZ -> 8;
                    case BOOL -> 1;
                    default -> 4;
                };
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(1).putInt(hasNulls ? 1 : 0).putInt(elementType).putInt(values.length).putInt(1);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                out.putInt(-1);
                continue;
            }
            switch (elementType) {
                case UUID_OID -> {
                    UUID u = (UUID) v;
                    out.putInt(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
                }
                case TIMESTAMPTZ -> out.putInt(8).putLong(postgresMicros((Instant) v));
                case BOOL -> out.putInt(1).put((byte) ((Boolean) v ? 1 : 0));
                case INT4 -> out.putInt(4).putInt((Integer) v);
                case BYTEA -> out.putInt(((byte[]) v).length).put((byte[]) v);
                default -> out.putInt(texts[i].length).put(texts[i]);
            }
        }
        return Unpooled.wrappedBuffer(out.array());
    }

    /** Microseconds since 2000-01-01 UTC, after truncation to microseconds (towards the past, as Postgres does). */
    private static long postgresMicros(Instant at) {
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        return Math.addExact(Math.multiplyExact(micros.getEpochSecond(), 1_000_000L), micros.getNano() / 1_000)
                - POSTGRES_EPOCH_MICROS;
    }
}

package io.funnelstream.infra.postgres;

import io.netty.buffer.ByteBuf;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.message.Format;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Sends {@link PgArray} parameters in binary; decodes nothing (results keep the driver's own codecs). The driver
 * finds {@link PgArrayRegistrar} through {@code META-INF/services/io.r2dbc.postgresql.extension.Extension} on every
 * connection factory it builds (its {@code autodetectExtensions}, on by default), the service's and the tests' alike.
 */
final class PgArrayCodec implements Codec<PgArray> {

    @Override
    public boolean canDecode(int dataType, Format format, Class<?> type) {
        return false;
    }

    @Override
    public boolean canEncode(Object value) {
        return value instanceof PgArray;
    }

    @Override
    public boolean canEncodeNull(Class<?> type) {
        return false;
    }

    @Override
    public @Nullable PgArray decode(@Nullable ByteBuf buffer, int dataType, Format format,
            Class<? extends PgArray> type) {
        throw new IllegalStateException("the driver decodes with a codec only where canDecode, false here, said yes");
    }

    @Override
    public EncodedParameter encode(Object value) {
        PgArray array = (PgArray) value;
        return new EncodedParameter(Format.FORMAT_BINARY, array.arrayType(),
                Mono.fromSupplier(array::encode));
    }

    @Override
    public EncodedParameter encode(Object value, int dataType) {
        return encode(value);
    }

    @Override
    public EncodedParameter encodeNull() {
        throw new IllegalStateException("the driver encodes nulls with a codec only where canEncodeNull, false here, "
                + "said yes");
    }
}

package io.funnelstream.infra.postgres;

import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Puts {@link PgArrayCodec} ahead of the driver's codecs on every connection. Listed in
 * {@code META-INF/services/io.r2dbc.postgresql.extension.Extension}, so that every connection factory the driver
 * builds with {@code autodetectExtensions} (on by default) has it: the service's, the harnesses' and the tests'.
 */
public final class PgArrayRegistrar implements CodecRegistrar {

    @Override
    public Publisher<Void> register(PostgresqlConnection connection, ByteBufAllocator allocator,
            CodecRegistry registry) {
        registry.addFirst(new PgArrayCodec());
        return Mono.empty();
    }
}

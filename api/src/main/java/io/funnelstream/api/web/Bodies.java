package io.funnelstream.api.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Reads a request body as the exact bytes received, up to a hard limit: what the routes that verify or parse their
 * own bodies (webhooks, tracking beacons) read it with.
 */
public final class Bodies {

    private static final byte[] EMPTY = new byte[0];

    private Bodies() {}

    /** The body is larger than the limit: declared so, or found so while reading (nothing more is buffered). */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("The request body is larger than the " + limit + " bytes accepted here.", null, false, false);
        }
    }

    public static Mono<byte[]> read(ServerHttpRequest request, long limit) {
        int max = (int) Math.min(limit, Integer.MAX_VALUE - 8);
        if (request.getHeaders().getContentLength() > max) {
            return Mono.error(new TooLarge(max));
        }
        return DataBufferUtils.join(request.getBody(), max)
                .map(Bodies::bytes)
                .defaultIfEmpty(EMPTY)
                .onErrorMap(DataBufferLimitException.class, e -> new TooLarge(max));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] out = new byte[buffer.readableByteCount()];
            buffer.read(out);
            return out;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}

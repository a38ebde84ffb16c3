package io.funnelstream.infra.provider.sns;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * {@link SnsFetcher} over Reactor Netty's WebClient: the JDK's trust store verifies TLS, redirects are not
 * followed, the whole exchange is bounded by {@code timeout} and the body by {@code maxBytes}.
 */
public final class WebClientSnsFetcher implements SnsFetcher {

    private final WebClient client;
    private final Duration timeout;
    private final int maxBytes;

    public WebClientSnsFetcher(WebClient client, Duration timeout, int maxBytes) {
        if (maxBytes < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxBytes and timeout must be positive");
        }
        this.client = client;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** A fetcher with its own client: connect timeout bounded too, no redirects. */
    public static WebClientSnsFetcher create(Duration timeout, int maxBytes) {
        HttpClient http = HttpClient.create()
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(timeout.toMillis()))
                .responseTimeout(timeout);
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return new WebClientSnsFetcher(client, timeout, maxBytes);
    }

    @Override
    public Mono<byte[]> get(URI url) {
        return client.get()
                .uri(url)
                .retrieve()
                .bodyToFlux(DataBuffer.class)
                .as(body -> DataBufferUtils.join(body, maxBytes))
                .map(WebClientSnsFetcher::bytes)
                .onErrorResume(WebClientResponseException.class, e -> isMissing(e)
                        ? Mono.empty()
                        : Mono.error(e))
                .timeout(timeout);
    }

    private static boolean isMissing(WebClientResponseException e) {
        return e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                || e.getStatusCode().value() == HttpStatus.GONE.value()
                || e.getStatusCode().value() == HttpStatus.FORBIDDEN.value();
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

package io.funnelstream.infra.provider.send;

import io.funnelstream.engine.send.SendOutcome;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The HTTP side shared by the providers' clients: one pooled WebClient, and one way to read an answer. */
public final class HttpCalls {

    private HttpCalls() {}

    /**
     * A WebClient for sending: a bounded connection pool, connect and response timeouts, no redirects.
     *
     * @param maxConnections connections per provider host
     * @param connectTimeout the longest a connection may take to open
     * @param responseTimeout the longest an answer may take (the time limiter usually ends an attempt first)
     */
    public static WebClient webClient(int maxConnections, Duration connectTimeout, Duration responseTimeout) {
        ConnectionProvider pool = ConnectionProvider.builder("funnelstream-send")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(pool)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
                .responseTimeout(responseTimeout);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /**
     * Sends the request and reads the whole answer with {@code read}; a retryable outcome is signalled as a
     * {@link RetryableFailure} so that the breaker and the retry see it.
     */
    static Mono<SendOutcome> exchange(WebClient.RequestHeadersSpec<?> request,
            Function<HttpAnswer, SendOutcome> read) {
        return request.exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(body -> read.apply(new HttpAnswer(response.statusCode().value(),
                                response.headers().asHttpHeaders(), body))))
                .flatMap(HttpCalls::signal);
    }

    static Mono<SendOutcome> signal(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Failed f && f.retryable()
                ? Mono.error(new RetryableFailure(f))
                : Mono.just(outcome);
    }
}

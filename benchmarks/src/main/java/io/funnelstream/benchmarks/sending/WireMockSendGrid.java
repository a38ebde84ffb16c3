package io.funnelstream.benchmarks.sending;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A bare SendGrid-shaped client for the benchmark (the real clients live in infra): POST {@code /v3/mail/send}
 * with the API key, 202 with {@code X-Message-Id} is accepted, 429 and 5xx are retryable, anything else is not.
 */
final class WireMockSendGrid implements ProviderClient {

    private final HttpClient http;

    WireMockSendGrid(String baseUrl, int connections) {
        this.http = HttpClient.create(ConnectionProvider.builder("sendgrid-bench").maxConnections(connections)
                        .pendingAcquireMaxCount(-1).build())
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(10));
    }

    @Override
    public Provider provider() {
        return Provider.SENDGRID;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        String body = "{\"personalizations\":[{\"to\":[{\"email\":\"" + message.to() + "\"}],\"custom_args\":"
                + "{\"fs_message_id\":\"" + message.messageId() + "\"}}],\"subject\":\"" + message.subject()
                + "\",\"content\":[{\"type\":\"text/plain\",\"value\":\"" + message.text().replace("\"", "'") + "\"}]}";
        return http.headers(h -> h.set("Authorization", "Bearer " + credentials.get("apiKey"))
                        .set("Content-Type", "application/json"))
                .post()
                .uri("/v3/mail/send")
                .send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8,
                        io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                    int status = response.status().code();
                    String id = response.responseHeaders().get("X-Message-Id");
                    if (status == 202 && id != null) {
                        return (SendOutcome) new SendOutcome.Accepted(id);
                    }
                    boolean retryable = status == 429 || status >= 500;
                    return new SendOutcome.Failed(Integer.toString(status), "SendGrid answered " + status, retryable,
                            null);
                }))
                .onErrorResume(e -> Mono.just(new SendOutcome.Failed("io", e.toString(), true, null)));
    }
}

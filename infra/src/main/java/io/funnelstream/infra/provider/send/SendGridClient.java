package io.funnelstream.infra.provider.send;

import static io.funnelstream.infra.provider.send.Failures.secrets;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * SendGrid v3 Mail Send ({@code POST /v3/mail/send}). Our message id travels as the custom argument
 * {@code fs_message_id} (with the message's metadata beside it), which the event webhook carries back; the provider
 * id is the {@code X-Message-Id} header, which is how the webhook's {@code sg_message_id} begins.
 *
 * <p>Credentials: {@code apiKey} (a key with Mail Send access, sent as a bearer token), {@code from} (a verified
 * sender address) and, optionally, {@code fromName}.
 */
public final class SendGridClient implements ProviderClient {

    public static final String API_KEY = "apiKey";
    public static final String FROM = "from";
    public static final String FROM_NAME = "fromName";
    static final String MESSAGE_ID_ARG = "fs_message_id";

    private final WebClient web;
    private final URI baseUrl;
    private final ResilientCalls calls;

    public SendGridClient(WebClient web, URI baseUrl, ResilientCalls calls) {
        this.web = web;
        this.baseUrl = baseUrl;
        this.calls = calls;
    }

    @Override
    public Provider provider() {
        return Provider.SENDGRID;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        return Failures.missing(credentials, API_KEY, FROM).map(Mono::just).orElseGet(() -> calls.call(
                secrets(credentials, API_KEY), () -> HttpCalls.exchange(web.post()
                        .uri(baseUrl.resolve("/v3/mail/send"))
                        .headers(h -> h.setBearerAuth(credentials.get(API_KEY)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body(message, credentials)), SendGridClient::read)));
    }

    static Map<String, Object> body(OutboundMessage message, Map<String, String> credentials) {
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("email", credentials.get(FROM));
        String fromName = credentials.get(FROM_NAME);
        if (fromName != null && !fromName.isBlank()) {
            from.put("name", fromName);
        }
        Map<String, String> customArgs = new LinkedHashMap<>(message.metadata());
        customArgs.put(MESSAGE_ID_ARG, message.messageId().toString());
        List<Map<String, String>> content = new ArrayList<>();
        content.add(Map.of("type", "text/plain", "value", message.text()));
        if (message.html() != null) {
            content.add(Map.of("type", "text/html", "value", message.html()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personalizations", List.of(Map.of("to", List.of(Map.of("email", message.to())))));
        body.put("from", from);
        body.put("subject", message.subject() == null ? "" : message.subject());
        body.put("content", content);
        body.put("custom_args", customArgs);
        return body;
    }

    /** 202 with {@code X-Message-Id}; errors are {@code {"errors":[{"message","field","help"}]}}. */
    static SendOutcome read(HttpAnswer answer) {
        if (answer.isSuccess()) {
            String id = answer.headers().getFirst("X-Message-Id");
            return id == null || id.isBlank()
                    ? Failures.malformed("sent no X-Message-Id")
                    : new SendOutcome.Accepted(id.strip());
        }
        return answer.failed(null, answer.json().map(SendGridClient::errors).orElse(null));
    }

    private static String errors(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            String message = HttpAnswer.text(error, "message");
            String field = HttpAnswer.text(error, "field");
            if (message != null) {
                out.add(field == null ? message : field + ": " + message);
            }
        }
        return String.join("; ", out);
    }
}

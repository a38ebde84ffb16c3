package io.funnelstream.infra.provider.send;

import static io.funnelstream.infra.provider.send.Failures.secrets;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Meta's WhatsApp Cloud API ({@code POST /<version>/<phone-number-id>/messages}, JSON, a text message). Our message
 * id travels as {@code biz_opaque_callback_data}, which the status webhooks carry back; the provider id is the
 * {@code wamid} of {@code messages[0].id}. Throttling and temporary errors, which Meta often answers with 400, are
 * retryable by their error codes (1, 2, 4, 80007, 130429, 131000, 131048, 131056).
 *
 * <p>Credentials: {@code accessToken} (a system user's token, sent as a bearer token) and {@code phoneNumberId}
 * (the sending number's id).
 */
public final class MetaWhatsAppClient implements ProviderClient {

    public static final String ACCESS_TOKEN = "accessToken";
    public static final String PHONE_NUMBER_ID = "phoneNumberId";
    private static final Set<String> RETRYABLE_CODES =
            Set.of("1", "2", "4", "80007", "130429", "131000", "131048", "131056");

    private final WebClient web;
    private final URI baseUrl;
    private final String apiVersion;
    private final ResilientCalls calls;

    /** @param apiVersion the Graph API version, e.g. {@code v23.0} */
    public MetaWhatsAppClient(WebClient web, URI baseUrl, String apiVersion, ResilientCalls calls) {
        this.web = web;
        this.baseUrl = baseUrl;
        this.apiVersion = apiVersion;
        this.calls = calls;
    }

    @Override
    public Provider provider() {
        return Provider.META;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        return Failures.missing(credentials, ACCESS_TOKEN, PHONE_NUMBER_ID).map(Mono::just).orElseGet(() ->
                calls.call(secrets(credentials, ACCESS_TOKEN), () -> HttpCalls.exchange(web.post()
                        .uri(UriComponentsBuilder.fromUri(baseUrl).path("/{version}/{phone}/messages")
                                .buildAndExpand(apiVersion, credentials.get(PHONE_NUMBER_ID)).encode().toUri())
                        .headers(h -> h.setBearerAuth(credentials.get(ACCESS_TOKEN)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body(message)), MetaWhatsAppClient::read)));
    }

    static Map<String, Object> body(OutboundMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.to());
        body.put("type", "text");
        body.put("text", Map.of("preview_url", true, "body", message.text()));
        body.put("biz_opaque_callback_data", message.messageId().toString());
        return body;
    }

    /**
     * 200 {@code {"messages":[{"id":"wamid..."}]}}; errors are
     * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}.
     */
    static SendOutcome read(HttpAnswer answer) {
        if (answer.isSuccess()) {
            String id = answer.json().map(body -> HttpAnswer.text(body.path("messages").path(0), "id")).orElse(null);
            return id == null || id.isBlank()
                    ? Failures.malformed("its answer has no messages[0].id")
                    : new SendOutcome.Accepted(id);
        }
        JsonNode error = answer.json().map(body -> body.path("error")).orElse(null);
        String code = error == null ? null : HttpAnswer.text(error, "code");
        String reason = error == null ? null : HttpAnswer.text(error, "message");
        SendOutcome.Failed failed = answer.failed(code, reason);
        if (!failed.retryable() && code != null && RETRYABLE_CODES.contains(code)) {
            Duration retryAfter = answer.retryAfter();
            return new SendOutcome.Failed(failed.code(), failed.reason(), true, retryAfter);
        }
        return failed;
    }
}

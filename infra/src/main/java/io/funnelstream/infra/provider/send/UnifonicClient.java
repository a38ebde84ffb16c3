package io.funnelstream.infra.provider.send;

import static io.funnelstream.infra.provider.send.Failures.secrets;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Unifonic. SMS go through the REST API ({@code POST /rest/SMS/messages} on {@code https://el.cloud.unifonic.com},
 * a form; our message id as {@code CorrelationID}); the provider id is {@code data.MessageID}, as the DLR callback's
 * {@code MessageID}. An answer of {@code "success": false} is a failure with Unifonic's {@code errorCode}
 * ({@code ER-xx}), even under HTTP 200. WhatsApp goes through the Conversation API ({@code POST /v1/messages} on
 * {@code https://apis.unifonic.com}, JSON); the provider id is the answer's {@code messageId}, as its events carry it.
 *
 * <p>Credentials: {@code appSid} and {@code senderId} for SMS; {@code publicId} and {@code secret} (sent as the
 * {@code PublicId} and {@code Secret} headers) for WhatsApp.
 */
public final class UnifonicClient implements ProviderClient {

    public static final String APP_SID = "appSid";
    public static final String SENDER_ID = "senderId";
    public static final String PUBLIC_ID = "publicId";
    public static final String SECRET = "secret";

    private final WebClient web;
    private final URI smsBaseUrl;
    private final URI conversationBaseUrl;
    private final ResilientCalls calls;

    public UnifonicClient(WebClient web, URI smsBaseUrl, URI conversationBaseUrl, ResilientCalls calls) {
        this.web = web;
        this.smsBaseUrl = smsBaseUrl;
        this.conversationBaseUrl = conversationBaseUrl;
        this.calls = calls;
    }

    @Override
    public Provider provider() {
        return Provider.UNIFONIC;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        if (message.channel() == Channel.WHATSAPP) {
            return Failures.missing(credentials, PUBLIC_ID, SECRET).map(Mono::just).orElseGet(() ->
                    calls.call(secrets(credentials, APP_SID, SECRET), () -> HttpCalls.exchange(web.post()
                            .uri(conversationBaseUrl.resolve("/v1/messages"))
                            .headers(h -> {
                                h.set("PublicId", credentials.get(PUBLIC_ID));
                                h.set("Secret", credentials.get(SECRET));
                            })
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(conversation(message)), UnifonicClient::readConversation)));
        }
        return Failures.missing(credentials, APP_SID, SENDER_ID).map(Mono::just).orElseGet(() ->
                calls.call(secrets(credentials, APP_SID, SECRET), () -> HttpCalls.exchange(web.post()
                        .uri(smsBaseUrl.resolve("/rest/SMS/messages"))
                        .accept(MediaType.APPLICATION_JSON)
                        .body(BodyInserters.fromFormData(sms(message, credentials))), UnifonicClient::readSms)));
    }

    static MultiValueMap<String, String> sms(OutboundMessage message, Map<String, String> credentials) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("AppSid", credentials.get(APP_SID));
        form.add("SenderID", credentials.get(SENDER_ID));
        form.add("Recipient", message.to().startsWith("+") ? message.to().substring(1) : message.to());
        form.add("Body", message.text());
        form.add("CorrelationID", message.messageId().toString());
        form.add("responseType", "JSON");
        return form;
    }

    static Map<String, Object> conversation(OutboundMessage message) {
        return Map.of(
                "recipient", Map.of("contact", message.to(), "channel", "whatsapp"),
                "content", Map.of("type", "text", "text", message.text()));
    }

    /**
     * {@code {"success": true, "errorCode": "ER-00", "data": {"MessageID": ...}}}, or
     * {@code {"success": false, "message": "...", "errorCode": "ER-xx"}}.
     */
    static SendOutcome readSms(HttpAnswer answer) {
        Optional<JsonNode> json = answer.json();
        boolean success = json.map(body -> "true".equals(HttpAnswer.text(body, "success"))).orElse(false);
        if (answer.isSuccess() && success) {
            String id = json.map(body -> HttpAnswer.text(body.path("data"), "MessageID")).orElse(null);
            return id == null || id.isBlank()
                    ? Failures.malformed("its answer has no data.MessageID")
                    : new SendOutcome.Accepted(id);
        }
        String code = json.map(body -> HttpAnswer.text(body, "errorCode")).orElse(null);
        String reason = json.map(body -> HttpAnswer.text(body, "message")).orElse(null);
        if (answer.isSuccess()) {
            return code == null
                    ? Failures.malformed("its answer says neither success nor an error code")
                    : new SendOutcome.Failed(code, reason == null ? code : reason, false, null);
        }
        return answer.failed(code, reason);
    }

    /** {@code {"messageId": "..."}}; errors are {@code {"code": "...", "message": "..."}}. */
    static SendOutcome readConversation(HttpAnswer answer) {
        Optional<JsonNode> json = answer.json();
        if (answer.isSuccess()) {
            String id = json.map(UnifonicClient::conversationId).orElse(null);
            return id == null || id.isBlank()
                    ? Failures.malformed("its answer has no messageId")
                    : new SendOutcome.Accepted(id);
        }
        return answer.failed(json.map(body -> HttpAnswer.text(body, "code")).orElse(null),
                json.map(body -> HttpAnswer.text(body, "message")).orElse(null));
    }

    private static @Nullable String conversationId(JsonNode body) {
        String id = HttpAnswer.text(body, "messageId");
        return id != null ? id : HttpAnswer.text(body, "id");
    }
}

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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Twilio's Messages API ({@code POST /2010-04-01/Accounts/<AccountSid>/Messages.json}, a form) for SMS and WhatsApp
 * (numbers prefixed {@code whatsapp:}). {@code StatusCallback} is the message's status callback URL, so delivery
 * reports reach our webhook; the provider id is the answer's {@code sid}, as the webhooks' {@code MessageSid}.
 *
 * <p>Credentials: {@code accountSid} and {@code authToken} (HTTP basic), and the sender: {@code messagingServiceSid}
 * (preferred when set), or {@code from} for SMS and {@code whatsappFrom} for WhatsApp (E.164, without the prefix).
 */
public final class TwilioClient implements ProviderClient {

    public static final String ACCOUNT_SID = "accountSid";
    public static final String AUTH_TOKEN = "authToken";
    public static final String FROM = "from";
    public static final String WHATSAPP_FROM = "whatsappFrom";
    public static final String MESSAGING_SERVICE_SID = "messagingServiceSid";
    private static final String WHATSAPP = "whatsapp:";

    private final WebClient web;
    private final URI baseUrl;
    private final ResilientCalls calls;

    public TwilioClient(WebClient web, URI baseUrl, ResilientCalls calls) {
        this.web = web;
        this.baseUrl = baseUrl;
        this.calls = calls;
    }

    @Override
    public Provider provider() {
        return Provider.TWILIO;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        String sender = present(credentials, MESSAGING_SERVICE_SID) ? MESSAGING_SERVICE_SID
                : message.channel() == Channel.WHATSAPP ? WHATSAPP_FROM : FROM;
        return Failures.missing(credentials, ACCOUNT_SID, AUTH_TOKEN, sender).map(Mono::just).orElseGet(() ->
                calls.call(secrets(credentials, AUTH_TOKEN), () -> HttpCalls.exchange(web.post()
                        .uri(UriComponentsBuilder.fromUri(baseUrl).path("/2010-04-01/Accounts/{sid}/Messages.json")
                                .buildAndExpand(credentials.get(ACCOUNT_SID)).encode().toUri())
                        .headers(h -> h.setBasicAuth(credentials.get(ACCOUNT_SID), credentials.get(AUTH_TOKEN)))
                        .body(BodyInserters.fromFormData(form(message, credentials))), TwilioClient::read)));
    }

    static MultiValueMap<String, String> form(OutboundMessage message, Map<String, String> credentials) {
        boolean whatsapp = message.channel() == Channel.WHATSAPP;
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", whatsapp ? WHATSAPP + message.to() : message.to());
        if (present(credentials, MESSAGING_SERVICE_SID)) {
            form.add("MessagingServiceSid", credentials.get(MESSAGING_SERVICE_SID));
        } else {
            form.add("From", whatsapp ? WHATSAPP + bare(credentials.get(WHATSAPP_FROM)) : credentials.get(FROM));
        }
        form.add("Body", message.text());
        if (message.statusCallbackUrl() != null) {
            form.add("StatusCallback", message.statusCallbackUrl());
        }
        return form;
    }

    /** 201 with {@code sid}; errors are {@code {"code": 21211, "message": "...", "more_info": ..., "status": 400}}. */
    static SendOutcome read(HttpAnswer answer) {
        Optional<JsonNode> json = answer.json();
        if (answer.isSuccess()) {
            String sid = json.map(body -> HttpAnswer.text(body, "sid")).orElse(null);
            return sid == null || sid.isBlank()
                    ? Failures.malformed("its answer has no sid")
                    : new SendOutcome.Accepted(sid);
        }
        return answer.failed(json.map(body -> HttpAnswer.text(body, "code")).orElse(null),
                json.map(body -> HttpAnswer.text(body, "message")).orElse(null));
    }

    private static String bare(@Nullable String number) {
        return number == null ? "" : number.startsWith(WHATSAPP) ? number.substring(WHATSAPP.length()) : number;
    }

    private static boolean present(Map<String, String> credentials, String name) {
        String value = credentials.get(name);
        return value != null && !value.isBlank();
    }
}

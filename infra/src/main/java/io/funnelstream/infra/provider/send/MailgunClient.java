package io.funnelstream.infra.provider.send;

import static io.funnelstream.infra.provider.send.Failures.secrets;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.net.URI;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Mailgun's messages API ({@code POST /v3/<domain>/messages}, a form). Our message id travels as the user variable
 * {@code v:fs_message_id} (metadata as further {@code v:} variables), which the webhooks carry back; the provider id
 * is the answer's {@code id} without its angle brackets, as the webhooks' {@code Message-Id} is normalised. The base
 * URL is {@code https://api.mailgun.net} (US) or {@code https://api.eu.mailgun.net} (EU).
 *
 * <p>Credentials: {@code apiKey} (sent as HTTP basic {@code api:<key>}), {@code domain} (the sending domain) and
 * {@code from} (the sender, e.g. {@code Acme <surveys@mg.acme.example>}).
 */
public final class MailgunClient implements ProviderClient {

    public static final String API_KEY = "apiKey";
    public static final String DOMAIN = "domain";
    public static final String FROM = "from";
    static final String MESSAGE_ID_VARIABLE = "fs_message_id";

    private final WebClient web;
    private final URI baseUrl;
    private final ResilientCalls calls;

    public MailgunClient(WebClient web, URI baseUrl, ResilientCalls calls) {
        this.web = web;
        this.baseUrl = baseUrl;
        this.calls = calls;
    }

    @Override
    public Provider provider() {
        return Provider.MAILGUN;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        return Failures.missing(credentials, API_KEY, DOMAIN, FROM).map(Mono::just).orElseGet(() -> calls.call(
                secrets(credentials, API_KEY), () -> HttpCalls.exchange(web.post()
                        .uri(UriComponentsBuilder.fromUri(baseUrl).path("/v3/{domain}/messages")
                                .buildAndExpand(credentials.get(DOMAIN)).encode().toUri())
                        .headers(h -> h.setBasicAuth("api", credentials.get(API_KEY)))
                        .body(BodyInserters.fromFormData(form(message, credentials))), MailgunClient::read)));
    }

    static MultiValueMap<String, String> form(OutboundMessage message, Map<String, String> credentials) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("from", credentials.get(FROM));
        form.add("to", message.to());
        form.add("subject", message.subject() == null ? "" : message.subject());
        form.add("text", message.text());
        if (message.html() != null) {
            form.add("html", message.html());
        }
        message.metadata().forEach((name, value) -> form.add("v:" + name, value));
        form.set("v:" + MESSAGE_ID_VARIABLE, message.messageId().toString());
        return form;
    }

    /** 200 {@code {"id":"<...>","message":"Queued. Thank you."}}; errors are {@code {"message": "..."}}. */
    static SendOutcome read(HttpAnswer answer) {
        if (answer.isSuccess()) {
            String id = answer.json().map(body -> HttpAnswer.text(body, "id")).orElse(null);
            String bare = id == null ? "" : stripAngles(id);
            return bare.isEmpty() ? Failures.malformed("its answer has no id") : new SendOutcome.Accepted(bare);
        }
        return answer.failed(null, answer.json().map(body -> HttpAnswer.text(body, "message")).orElse(null));
    }

    static String stripAngles(String id) {
        String s = id.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}

package io.funnelstream.benchmarks.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.netty.http.client.HttpClient;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * The few REST calls the stream benchmark makes with the service's admin key: who the tenant is, its Twilio webhook
 * URL, its Twilio auth token, stream tokens; and signed Twilio status callbacks.
 */
final class ServiceApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern STRING_FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http;
    private final String adminKey;
    private final String authToken = "stream-bench-" + Long.toHexString(System.nanoTime());
    private String twilioUrl = "";

    ServiceApi(HttpClient http, String adminKey) {
        this.http = http;
        this.adminKey = adminKey;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile(STRING_FIELD.pattern().formatted(Pattern.quote(name))).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private String call(String method, String path, String body) {
        var request = http.headers(h -> h.set("X-API-Key", adminKey).set(HttpHeaderNames.CONTENT_TYPE,
                "application/json"));
        var sender = switch (method) {
            case "GET" -> request.get().uri(path);
            case "PUT" -> request.put().uri(path).send(reactor.netty.ByteBufFlux.fromString(
                    reactor.core.publisher.Mono.just(body)));
            default -> request.post().uri(path).send(reactor.netty.ByteBufFlux.fromString(
                    reactor.core.publisher.Mono.just(body)));
        };
        return sender.responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
            if (response.status().code() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.status() + ": " + text);
            }
            return text;
        })).block(TIMEOUT);
    }

    /** The tenant's id; also sets the tenant's Twilio auth token and learns its Twilio webhook URL. */
    String prepare() {
        String tenant = field(call("GET", "/api/me", ""), "tenant");
        String urls = call("GET", "/api/admin/webhooks", "");
        Matcher m = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]*/webhooks/twilio/[^\"]*)\"").matcher(urls);
        if (!m.find()) {
            throw new IllegalStateException("no twilio URL in " + urls);
        }
        twilioUrl = m.group(1);
        call("PUT", "/api/admin/providers/twilio/credentials", "{\"authToken\": \"" + authToken + "\"}");
        return tenant;
    }

    /** A fresh stream token (valid for a few minutes to connect). */
    String streamToken() {
        return field(call("POST", "/api/stream-tokens", ""), "token");
    }

    /** Posts a signed "delivered" callback for the message; returns when the service acknowledged it (200). */
    void delivered(String messageSid) {
        List<String[]> params = new ArrayList<>(List.of(
                new String[] {"AccountSid", "AC1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f"},
                new String[] {"MessageSid", messageSid},
                new String[] {"MessageStatus", "delivered"},
                new String[] {"To", "+15558675310"}));
        params.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder signed = new StringBuilder(twilioUrl);
        StringBuilder form = new StringBuilder();
        for (String[] p : params) {
            signed.append(p[0]).append(p[1]);
            form.append(form.isEmpty() ? "" : "&").append(p[0]).append('=')
                    .append(java.net.URLEncoder.encode(p[1], StandardCharsets.UTF_8));
        }
        String signature = hmacSha1(authToken, signed.toString());
        String path = java.net.URI.create(twilioUrl).getRawPath();
        Integer status = http.headers(h -> h.set("X-Twilio-Signature", signature)
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded"))
                .post().uri(path)
                .send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just(form.toString())))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> response.status().code()))
                .block(TIMEOUT);
        if (status == null || status != 200) {
            throw new IllegalStateException("the webhook was answered " + status);
        }
    }

    private static String hmacSha1(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

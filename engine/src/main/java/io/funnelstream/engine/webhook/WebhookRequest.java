package io.funnelstream.engine.webhook;

import io.funnelstream.engine.form.FormData;
import io.funnelstream.engine.form.FormParseException;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A webhook request exactly as received, before anything is trusted.
 *
 * @param provider the provider named by the route
 * @param tenant the tenant the route's webhook key resolved to
 * @param method the HTTP method, upper case
 * @param url the full public URL as the provider called it: the configured public base URL, the raw path and
 *     the raw query, byte for byte (see {@link #publicUrl}); Twilio signs it
 * @param headers the request headers
 * @param body the raw body bytes, never re-serialised: SendGrid, Meta and Twilio sign them
 * @param receivedAt when the request arrived
 */
public record WebhookRequest(
        Provider provider,
        TenantId tenant,
        String method,
        String url,
        WebhookHeaders headers,
        byte[] body,
        Instant receivedAt) {

    public WebhookRequest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(tenant, "tenant");
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        body = Objects.requireNonNull(body, "body").clone();
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /**
     * Joins the configured public base URL (e.g. {@code https://hooks.example.com}, what providers are told to
     * call) with the raw path and raw query of the incoming request.
     */
    public static String publicUrl(String publicBaseUrl, String rawPath, @Nullable String rawQuery) {
        String base = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
        return rawQuery == null || rawQuery.isEmpty() ? base + path : base + path + "?" + rawQuery;
    }

    /** The raw body bytes (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body length without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** The raw query string after {@code ?}, without any fragment; empty when there is none. */
    public String rawQuery() {
        int q = url.indexOf('?');
        if (q < 0) {
            return "";
        }
        int hash = url.indexOf('#', q);
        return hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    }

    /** The decoded query parameters. */
    public FormData query() throws FormParseException {
        return FormData.parse(rawQuery());
    }

    /** One decoded query parameter; a query that cannot be decoded counts as having none. */
    public Optional<String> queryParameter(String name) {
        try {
            return query().first(name);
        } catch (FormParseException e) {
            return Optional.empty();
        }
    }

    /** The media type of the body, lower case and without parameters, or empty. */
    public String mediaType() {
        String type = headers.first("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WebhookRequest r
                && provider == r.provider
                && tenant.equals(r.tenant)
                && method.equals(r.method)
                && url.equals(r.url)
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body)
                && receivedAt.equals(r.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, tenant, method, url, headers, Arrays.hashCode(body), receivedAt);
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + provider.slug() + " " + tenant + " " + method + " " + url + ", "
                + body.length + " bytes at " + receivedAt + "]";
    }
}

package io.funnelstream.engine.webhook;

import io.funnelstream.engine.form.FormData;
import io.funnelstream.engine.form.FormParseException;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.Verification.Rejected;
import io.funnelstream.engine.webhook.Verification.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Twilio: {@code X-Twilio-Signature} is base64 HMAC-SHA1 under the auth token of the full URL followed, for a
 * form body, by every parameter's name and value sorted by name then value. A JSON body is instead bound by the
 * hex SHA-256 in the URL's {@code bodySHA256} parameter and the URL alone is signed. Twilio may sign the URL
 * with or without the default port, so both forms are tried.
 */
final class TwilioVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Comparator<FormData.Field> BY_NAME_THEN_VALUE =
            Comparator.comparing(FormData.Field::name).thenComparing(FormData.Field::value);

    @Override
    public Provider provider() {
        return Provider.TWILIO;
    }

    @Override
    public Mono<Verification> verify(WebhookRequest request, ProviderCredentials credentials) {
        return Mono.fromSupplier(() -> check(request, credentials));
    }

    private Verification check(WebhookRequest request, ProviderCredentials credentials) {
        if (!request.method().equals("POST")) {
            return new Rejected(Reason.UNSUPPORTED_METHOD, "Twilio status callbacks are posted");
        }
        String token = credentials.twilioAuthToken();
        if (token == null || Crypto.isBlank(token)) {
            return new Rejected(Reason.NOT_CONFIGURED, "no Twilio auth token");
        }
        Optional<String> header = request.headers().first(SIGNATURE_HEADER);
        if (header.isEmpty()) {
            return new Rejected(Reason.MISSING_SIGNATURE, "missing " + SIGNATURE_HEADER);
        }
        byte[] presented = Crypto.base64(header.get());
        if (presented == null) {
            return new Rejected(Reason.BAD_SIGNATURE, SIGNATURE_HEADER + " is not base64");
        }
        String signedParameters;
        try {
            Optional<String> bodyHash = request.query().first("bodySHA256");
            if (bodyHash.isPresent()) {
                byte[] expected = Crypto.hex(bodyHash.get());
                if (expected == null || !MessageDigest.isEqual(expected, Crypto.sha256(request.body()))) {
                    return new Rejected(Reason.BAD_SIGNATURE, "body does not match bodySHA256");
                }
                signedParameters = "";
            } else {
                signedParameters = sortedParameters(FormData.parse(request.body()));
            }
        } catch (FormParseException e) {
            return new Rejected(Reason.MALFORMED_REQUEST, "form data cannot be decoded: " + e.getMessage());
        }
        for (String url : urlVariants(request.url())) {
            byte[] expected = Crypto.hmac("HmacSHA1", token, (url + signedParameters).getBytes(StandardCharsets.UTF_8));
            if (MessageDigest.isEqual(expected, presented)) {
                return new Verified(request);
            }
        }
        return new Rejected(Reason.BAD_SIGNATURE, "HMAC of URL and parameters does not match");
    }

    private static String sortedParameters(FormData form) {
        List<FormData.Field> fields = new ArrayList<>(form.fields());
        fields.sort(BY_NAME_THEN_VALUE);
        StringBuilder out = new StringBuilder();
        for (FormData.Field field : fields) {
            out.append(field.name()).append(field.value());
        }
        return out.toString();
    }

    /** The URL as configured, plus the same URL with the scheme's default port added or removed. */
    static List<String> urlVariants(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return List.of(url);
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        String defaultPort = scheme.equals("https") ? "443" : scheme.equals("http") ? "80" : null;
        int hostStart = schemeEnd + 3;
        int hostEnd = hostStart;
        while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String authority = url.substring(hostStart, hostEnd);
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon >= 0 && colon > authority.lastIndexOf(']');
        String head = url.substring(0, hostStart);
        String tail = url.substring(hostEnd);
        if (defaultPort == null) {
            return List.of(url);
        }
        if (!hasPort) {
            return List.of(url, head + authority + ":" + defaultPort + tail);
        }
        if (authority.substring(colon + 1).equals(defaultPort)) {
            return List.of(url, head + authority.substring(0, colon) + tail);
        }
        return List.of(url);
    }
}

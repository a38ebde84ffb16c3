package io.funnelstream.api.webhook;

import io.funnelstream.engine.model.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * What each provider sends, checked before anything else is done with a request: the HTTP methods it calls with and
 * the media types of its bodies. SNS posts JSON as {@code text/plain}; Twilio posts forms, or JSON signed through
 * {@code bodySHA256}; Meta and Unifonic also call with GET (handshake, legacy delivery reports in the query).
 *
 * @param methods the methods the provider calls with
 * @param mediaTypes the body media types accepted (type/subtype, lower case, parameters ignored)
 * @param untypedBodies whether a body without a Content-Type is accepted (Unifonic's legacy callbacks)
 */
record ProviderRules(List<HttpMethod> methods, Set<String> mediaTypes, boolean untypedBodies) {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;
    private static final String TEXT = MediaType.TEXT_PLAIN_VALUE;
    private static final List<HttpMethod> POST = List.of(HttpMethod.POST);
    private static final List<HttpMethod> GET_AND_POST = List.of(HttpMethod.GET, HttpMethod.POST);

    static ProviderRules of(Provider provider) {
        return switch (provider) {
            case SENDGRID, MAILGUN -> new ProviderRules(POST, Set.of(JSON), false);
            case SES -> new ProviderRules(POST, Set.of(TEXT, JSON), false);
            case TWILIO -> new ProviderRules(POST, Set.of(FORM, JSON), false);
            case META -> new ProviderRules(GET_AND_POST, Set.of(JSON), false);
            case UNIFONIC -> new ProviderRules(GET_AND_POST, Set.of(JSON, FORM, TEXT), true);
            case SMTP -> new ProviderRules(List.of(), Set.of(), false);
        };
    }

    boolean allows(HttpMethod method) {
        return methods.contains(method) || (method == HttpMethod.HEAD && methods.contains(HttpMethod.GET));
    }

    /** Whether a body of this Content-Type header (null when absent) is accepted. */
    boolean accepts(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return untypedBodies;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return mediaTypes.contains(type);
    }
}

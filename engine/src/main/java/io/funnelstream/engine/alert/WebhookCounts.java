package io.funnelstream.engine.alert;

/**
 * A tenant's webhook requests in some span of time, and how many of them failed (refused or not recorded).
 *
 * @param requests requests that named the tenant; not negative
 * @param failures of those, the ones not answered 2xx; at most {@code requests}
 */
public record WebhookCounts(long requests, long failures) {

    public static final WebhookCounts NONE = new WebhookCounts(0, 0);

    public WebhookCounts {
        if (requests < 0 || failures < 0 || failures > requests) {
            throw new IllegalArgumentException("need 0 <= failures <= requests: " + failures + "/" + requests);
        }
    }

    public WebhookCounts plus(WebhookCounts other) {
        return new WebhookCounts(requests + other.requests, failures + other.failures);
    }
}

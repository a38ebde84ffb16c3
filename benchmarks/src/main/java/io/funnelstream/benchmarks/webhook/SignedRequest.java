package io.funnelstream.benchmarks.webhook;

import java.util.Map;
import java.util.Objects;

/**
 * One webhook request built and signed before the run: the exact body bytes sent, the headers that go with them,
 * and how many events the body carries.
 *
 * @param body the raw body, sent byte for byte (the signature covers it); never modified after construction
 * @param headers header names and values, Content-Type and the provider's signature headers included
 * @param events events in the body: 500 for a SendGrid batch, 1 for a Twilio status callback
 */
record SignedRequest(byte[] body, Map<String, String> headers, int events) {

    SignedRequest {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        if (events < 1) {
            throw new IllegalArgumentException("a request carries at least one event");
        }
    }
}

package io.funnelstream.engine.webhook;

import java.net.URI;
import java.security.cert.X509Certificate;
import reactor.core.publisher.Mono;

/**
 * Port: fetches an SNS signing certificate. The verifier only asks for https URLs on SNS hosts it already
 * checked, and caches what it gets. An adapter must fetch over verified TLS, bound the response size and
 * time out; empty means there is no such certificate, an error means try again later.
 */
@FunctionalInterface
public interface CertificateSource {

    Mono<X509Certificate> certificate(URI url);
}

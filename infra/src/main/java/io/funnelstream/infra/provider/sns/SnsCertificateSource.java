package io.funnelstream.infra.provider.sns;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.funnelstream.engine.webhook.CertificateSource;
import io.funnelstream.engine.webhook.SnsEndpoints;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * SNS signing certificates fetched over https from SNS hosts only ({@link SnsEndpoints#trusted}), parsed once and
 * cached, bounded in count and time. Concurrent requests for one URL share one fetch. A URL that is not an SNS
 * host's, a missing certificate or bytes that are no X.509 certificate give an empty answer (the verifier then
 * refuses the message); a failed fetch is an error and is not cached, so the next message tries again.
 */
public final class SnsCertificateSource implements CertificateSource {

    private final SnsFetcher fetcher;
    private final AsyncCache<URI, X509Certificate> cache;

    public SnsCertificateSource(SnsFetcher fetcher, int maxCertificates, Duration timeToLive) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxCertificates)
                .expireAfterWrite(timeToLive)
                .buildAsync();
    }

    @Override
    public Mono<X509Certificate> certificate(URI url) {
        if (SnsEndpoints.trusted(url.toString()).isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            CompletableFuture<X509Certificate> pending = cache.get(url, (key, executor) -> fetch(key).toFuture());
            // Caffeine drops failed and empty loads only once their future completes; make sure the next call
            // does not find this one first.
            return Mono.fromFuture(pending, true)
                    .doOnError(e -> cache.asMap().remove(url, pending))
                    .switchIfEmpty(Mono.fromRunnable(() -> cache.asMap().remove(url, pending)));
        });
    }

    /** How many certificates are held now. */
    public long size() {
        return cache.synchronous().estimatedSize();
    }

    private Mono<X509Certificate> fetch(URI url) {
        return fetcher.get(url).flatMap(bytes -> Mono.justOrEmpty(parse(bytes)));
    }

    private static @Nullable X509Certificate parse(byte[] bytes) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException | ClassCastException e) {
            return null;
        }
    }
}

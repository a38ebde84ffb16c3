package io.funnelstream.engine.webhook;

import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.Verification.Rejected;
import io.funnelstream.engine.webhook.Verification.Verified;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Amazon SNS (carrying SES events): RSA signatures, SHA1 for SignatureVersion 1 and SHA256 for 2, over the
 * canonical string of the JSON-decoded values, checked with the certificate at SigningCertURL (https on an
 * SNS host only, fetched through {@link CertificateSource} and cached). Only the tenant's topics are accepted.
 */
final class SnsVerifier implements WebhookVerifier {

    private static final int CERTIFICATE_CACHE_LIMIT = 64;

    private final WebhookSettings settings;
    private final Clock clock;
    private final CertificateSource certificates;
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    SnsVerifier(WebhookSettings settings, Clock clock, CertificateSource certificates) {
        this.settings = settings;
        this.clock = clock;
        this.certificates = certificates;
    }

    /** What the synchronous checks concluded, before the certificate is at hand. */
    private sealed interface Checked permits Refused, Signed {}

    private record Refused(Rejected rejection) implements Checked {}

    private record Signed(SnsEnvelope envelope, URI certificateUrl, String algorithm, byte[] signature)
            implements Checked {}

    @Override
    public Provider provider() {
        return Provider.SES;
    }

    @Override
    public Mono<Verification> verify(WebhookRequest request, ProviderCredentials credentials) {
        return Mono.defer(() -> switch (check(request, credentials)) {
            case Refused refused -> Mono.just(refused.rejection());
            case Signed signed -> certificate(signed.certificateUrl())
                    .map(certificate -> verifySignature(request, signed, certificate))
                    .defaultIfEmpty(new Rejected(Reason.UNTRUSTED_CERTIFICATE, "no certificate at "
                            + signed.certificateUrl()));
        });
    }

    private Checked check(WebhookRequest request, ProviderCredentials credentials) {
        if (!request.method().equals("POST")) {
            return refuse(Reason.UNSUPPORTED_METHOD, "SNS posts messages");
        }
        if (credentials.snsTopicArns().isEmpty()) {
            return refuse(Reason.NOT_CONFIGURED, "no SNS topic allowed");
        }
        SnsEnvelope envelope;
        try {
            if (!(Json.parse(request.body(), settings.jsonLimits()) instanceof Map<?, ?> doc)) {
                return refuse(Reason.MALFORMED_REQUEST, "body is not a JSON object");
            }
            envelope = SnsEnvelope.from(doc);
        } catch (JsonParseException e) {
            return refuse(Reason.MALFORMED_REQUEST, "body is not JSON: " + e.getMessage());
        } catch (SnsEnvelope.Missing e) {
            return refuse(e.signature ? Reason.MISSING_SIGNATURE : Reason.MALFORMED_REQUEST, e.getMessage());
        }
        return check(request, credentials, envelope);
    }

    private Checked check(WebhookRequest request, ProviderCredentials credentials, SnsEnvelope envelope) {
        String declared = request.headers().first("x-amz-sns-message-type").orElse(envelope.type());
        if (!declared.equals(envelope.type()) || !isKnownType(envelope.type())) {
            return refuse(Reason.MALFORMED_REQUEST, "unexpected SNS message type " + envelope.type());
        }
        if (!credentials.snsTopicArns().contains(envelope.topicArn())) {
            return refuse(Reason.UNEXPECTED_TOPIC, "topic " + envelope.topicArn() + " is not allowed");
        }
        String algorithm = switch (envelope.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        byte[] signature = Crypto.base64(envelope.signature());
        if (algorithm == null || signature == null) {
            return refuse(Reason.BAD_SIGNATURE, "unsupported SignatureVersion or signature is not base64");
        }
        URI certificateUrl = SnsEndpoints.trusted(envelope.signingCertUrl()).orElse(null);
        if (certificateUrl == null) {
            return refuse(Reason.UNTRUSTED_CERTIFICATE, "SigningCertURL is not https on an SNS host");
        }
        Instant sentAt;
        try {
            sentAt = Instant.parse(envelope.timestamp());
        } catch (DateTimeParseException e) {
            return refuse(Reason.MALFORMED_REQUEST, "Timestamp is not ISO-8601: " + envelope.timestamp());
        }
        Rejected stale = Freshness.check(sentAt, clock.instant(), settings);
        return stale != null ? new Refused(stale) : new Signed(envelope, certificateUrl, algorithm, signature);
    }

    private static boolean isKnownType(String type) {
        return type.equals(SnsEnvelope.NOTIFICATION)
                || type.equals(SnsEnvelope.SUBSCRIPTION_CONFIRMATION)
                || type.equals(SnsEnvelope.UNSUBSCRIBE_CONFIRMATION);
    }

    private Mono<X509Certificate> certificate(URI url) {
        X509Certificate cached = cache.get(url);
        if (cached != null) {
            return Mono.just(cached);
        }
        return certificates.certificate(url).doOnNext(certificate -> {
            if (cache.size() >= CERTIFICATE_CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(url, certificate);
        });
    }

    private Verification verifySignature(WebhookRequest request, Signed signed, X509Certificate certificate) {
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            cache.remove(signed.certificateUrl());
            return new Rejected(Reason.UNTRUSTED_CERTIFICATE, "certificate not valid now: " + e.getMessage());
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[0]) {
            return new Rejected(Reason.UNTRUSTED_CERTIFICATE, "certificate is not for digital signatures");
        }
        try {
            Signature rsa = Signature.getInstance(signed.algorithm());
            rsa.initVerify(certificate.getPublicKey());
            rsa.update(signed.envelope().canonical().getBytes(StandardCharsets.UTF_8));
            if (rsa.verify(signed.signature())) {
                return new Verified(request);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a malformed signature is a bad signature
        }
        return new Rejected(Reason.BAD_SIGNATURE, "RSA signature does not match the canonical message");
    }

    private static Refused refuse(Reason reason, String detail) {
        return new Refused(new Rejected(reason, detail));
    }
}

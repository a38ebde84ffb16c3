package io.funnelstream.engine.webhook;

import java.time.Clock;

/** Creates the verifier of each provider. */
public final class WebhookVerifiers {

    private WebhookVerifiers() {}

    public static WebhookVerifier sendGrid(WebhookSettings settings, Clock clock) {
        return new SendGridVerifier(settings, clock);
    }

    public static WebhookVerifier mailgun(WebhookSettings settings, Clock clock, ReplayGuard replayGuard) {
        return new MailgunVerifier(settings, clock, replayGuard);
    }

    /** SES notifications arrive through SNS. */
    public static WebhookVerifier ses(WebhookSettings settings, Clock clock, CertificateSource certificates) {
        return new SnsVerifier(settings, clock, certificates);
    }

    public static WebhookVerifier twilio() {
        return new TwilioVerifier();
    }

    public static WebhookVerifier meta() {
        return new MetaVerifier();
    }

    public static WebhookVerifier unifonic() {
        return new UnifonicVerifier();
    }
}

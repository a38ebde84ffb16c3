package io.funnelstream.engine.normalize;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.util.Optional;

/** Creates the normaliser of each provider that sends webhooks. */
public final class Normalizers {

    private Normalizers() {}

    /** The provider's normaliser; empty for providers without webhooks (SMTP). */
    public static Optional<Normalizer> forProvider(Provider provider, WebhookSettings settings) {
        return Optional.ofNullable(switch (provider) {
            case SENDGRID -> new SendGridNormalizer(settings);
            case MAILGUN -> new MailgunNormalizer(settings);
            case SES -> new SesNormalizer(settings);
            case TWILIO -> new TwilioNormalizer(settings);
            case META -> new MetaNormalizer(settings);
            case UNIFONIC -> new UnifonicNormalizer(settings);
            case SMTP -> null;
        });
    }
}

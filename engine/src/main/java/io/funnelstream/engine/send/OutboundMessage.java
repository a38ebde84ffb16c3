package io.funnelstream.engine.send;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message, rendered and ready for a provider.
 *
 * @param tenant the tenant sending it
 * @param messageId our id of the message; providers that carry custom data get it back in their webhooks
 * @param channel the channel it travels over
 * @param provider the provider that carries it
 * @param to the recipient's address: an email address, or an E.164 number for SMS and WhatsApp
 * @param subject the subject line (email only)
 * @param text the plain-text body (always present; the SMS and WhatsApp body)
 * @param html the HTML body (email only, optional)
 * @param idempotencyKey stable across retries of this message, for providers that honour one
 * @param statusCallbackUrl where the provider should post delivery reports (Twilio), if anywhere
 * @param metadata extra data to attach where the provider allows (custom args, tags)
 */
public record OutboundMessage(
        TenantId tenant,
        UUID messageId,
        Channel channel,
        Provider provider,
        String to,
        @Nullable String subject,
        String text,
        @Nullable String html,
        String idempotencyKey,
        @Nullable String statusCallbackUrl,
        Map<String, String> metadata) {

    public OutboundMessage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        metadata = Map.copyOf(metadata);
        if (!provider.carries(channel)) {
            throw new IllegalArgumentException(provider + " does not carry " + channel);
        }
    }
}

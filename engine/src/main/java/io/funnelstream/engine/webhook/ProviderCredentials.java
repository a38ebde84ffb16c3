package io.funnelstream.engine.webhook;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's webhook secrets, one slot per provider; a null slot means the provider is not configured.
 * {@link #toString()} never shows a secret.
 *
 * @param sendGridVerificationKey SendGrid's Signed Event Webhook verification key: base64 DER (X.509
 *     SubjectPublicKeyInfo) of an ECDSA P-256 public key
 * @param mailgunSigningKey Mailgun's HTTP webhook signing key
 * @param twilioAuthToken the Twilio account's auth token
 * @param metaAppSecret the Meta app secret that signs WhatsApp Cloud API webhooks
 * @param metaVerifyToken the verify token chosen when subscribing the Meta webhook
 * @param unifonicSecret the shared secret Unifonic sends in {@code X-Unifonic-Secret} or {@code ?secret=}
 * @param snsTopicArns the SNS topics whose SES notifications are accepted
 */
public record ProviderCredentials(
        @Nullable String sendGridVerificationKey,
        @Nullable String mailgunSigningKey,
        @Nullable String twilioAuthToken,
        @Nullable String metaAppSecret,
        @Nullable String metaVerifyToken,
        @Nullable String unifonicSecret,
        Set<String> snsTopicArns) {

    private static final ProviderCredentials NONE = new ProviderCredentials(null, null, null, null, null, null, Set.of());

    public ProviderCredentials {
        snsTopicArns = Set.copyOf(Objects.requireNonNull(snsTopicArns, "snsTopicArns"));
    }

    /** No provider configured; add secrets with the {@code with...} methods. */
    public static ProviderCredentials none() {
        return NONE;
    }

    public ProviderCredentials withSendGridVerificationKey(String key) {
        return new ProviderCredentials(key, mailgunSigningKey, twilioAuthToken, metaAppSecret, metaVerifyToken,
                unifonicSecret, snsTopicArns);
    }

    public ProviderCredentials withMailgunSigningKey(String key) {
        return new ProviderCredentials(sendGridVerificationKey, key, twilioAuthToken, metaAppSecret,
                metaVerifyToken, unifonicSecret, snsTopicArns);
    }

    public ProviderCredentials withTwilioAuthToken(String token) {
        return new ProviderCredentials(sendGridVerificationKey, mailgunSigningKey, token, metaAppSecret,
                metaVerifyToken, unifonicSecret, snsTopicArns);
    }

    public ProviderCredentials withMeta(String appSecret, String verifyToken) {
        return new ProviderCredentials(sendGridVerificationKey, mailgunSigningKey, twilioAuthToken, appSecret,
                verifyToken, unifonicSecret, snsTopicArns);
    }

    public ProviderCredentials withUnifonicSecret(String secret) {
        return new ProviderCredentials(sendGridVerificationKey, mailgunSigningKey, twilioAuthToken, metaAppSecret,
                metaVerifyToken, secret, snsTopicArns);
    }

    public ProviderCredentials withSnsTopicArns(Set<String> topicArns) {
        return new ProviderCredentials(sendGridVerificationKey, mailgunSigningKey, twilioAuthToken, metaAppSecret,
                metaVerifyToken, unifonicSecret, topicArns);
    }

    @Override
    public String toString() {
        return "ProviderCredentials[sendGrid=" + shown(sendGridVerificationKey)
                + ", mailgun=" + shown(mailgunSigningKey)
                + ", twilio=" + shown(twilioAuthToken)
                + ", metaAppSecret=" + shown(metaAppSecret)
                + ", metaVerifyToken=" + shown(metaVerifyToken)
                + ", unifonic=" + shown(unifonicSecret)
                + ", snsTopicArns=" + snsTopicArns + "]";
    }

    private static String shown(@Nullable String secret) {
        return secret == null ? "unset" : "set";
    }
}

package io.funnelstream.api.webhook;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.infra.provider.send.SendCredentialNames;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets each provider's webhooks are verified with, by the names a tenant stores them under (see the README):
 * which are required, what a value must look like, and how they become {@link ProviderCredentials}.
 */
final class CredentialSchema {

    static final String SENDGRID_VERIFICATION_KEY = "verificationKey";
    static final String MAILGUN_SIGNING_KEY = "signingKey";
    static final String SES_TOPIC_ARNS = "topicArns";
    static final String TWILIO_AUTH_TOKEN = "authToken";
    static final String META_APP_SECRET = "appSecret";
    static final String META_VERIFY_TOKEN = "verifyToken";
    static final String UNIFONIC_WEBHOOK_SECRET = "webhookSecret";

    static final int MAX_VALUE_LENGTH = 4096;
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

    private CredentialSchema() {}

    /** The names a provider's webhook secrets are stored under, all required; empty for providers without webhooks. */
    static Optional<List<String>> names(Provider provider) {
        return Optional.ofNullable(switch (provider) {
            case SENDGRID -> List.of(SENDGRID_VERIFICATION_KEY);
            case MAILGUN -> List.of(MAILGUN_SIGNING_KEY);
            case SES -> List.of(SES_TOPIC_ARNS);
            case TWILIO -> List.of(TWILIO_AUTH_TOKEN);
            case META -> List.of(META_APP_SECRET, META_VERIFY_TOKEN);
            case UNIFONIC -> List.of(UNIFONIC_WEBHOOK_SECRET);
            case SMTP -> null;
        });
    }

    /** The secrets a tenant must set for the provider: those its webhooks are verified with. */
    static List<String> required(Provider provider) {
        return names(provider).orElse(List.of());
    }

    /** The secrets a tenant may set besides: those its sending client reads (API keys, sender, region...). */
    static List<String> optional(Provider provider) {
        List<String> required = required(provider);
        return SendCredentialNames.of(provider).stream().filter(name -> !required.contains(name)).toList();
    }

    /** What is wrong with these secrets for the provider, one message per problem; empty when they are fine. */
    static List<String> problems(Provider provider, Map<String, String> secrets) {
        List<String> names = required(provider);
        List<String> allowed = new ArrayList<>(names);
        allowed.addAll(optional(provider));
        List<String> problems = new ArrayList<>();
        secrets.keySet().stream().filter(name -> !allowed.contains(name)).sorted()
                .forEach(name -> problems.add(name + ": not a " + provider.slug() + " secret (expected "
                        + String.join(", ", allowed) + ")"));
        for (String name : optional(provider)) {
            String value = secrets.get(name);
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                problems.add(name + ": longer than " + MAX_VALUE_LENGTH + " characters");
            }
        }
        for (String name : names) {
            String value = secrets.get(name);
            if (value == null || value.isBlank()) {
                problems.add(name + ": required");
            } else if (value.length() > MAX_VALUE_LENGTH) {
                problems.add(name + ": longer than " + MAX_VALUE_LENGTH + " characters");
            } else {
                valueProblem(name, value).ifPresent(problems::add);
            }
        }
        return problems;
    }

    private static Optional<String> valueProblem(String name, String value) {
        return switch (name) {
            case SENDGRID_VERIFICATION_KEY -> isEcPublicKey(value)
                    ? Optional.empty()
                    : Optional.of(name + ": not a base64 ECDSA public key (SendGrid's verification key)");
            case SES_TOPIC_ARNS -> topicArns(value).isEmpty()
                    || !topicArns(value).stream().allMatch(arn -> TOPIC_ARN.matcher(arn).matches())
                    ? Optional.of(name + ": a comma-separated list of SNS topic ARNs (arn:aws:sns:region:account:topic)")
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The provider's slot of {@link ProviderCredentials}; a missing name leaves its slot unset. */
    static ProviderCredentials credentials(Provider provider, Map<String, String> secrets) {
        ProviderCredentials none = ProviderCredentials.none();
        return switch (provider) {
            case SENDGRID -> present(secrets, SENDGRID_VERIFICATION_KEY)
                    .map(none::withSendGridVerificationKey).orElse(none);
            case MAILGUN -> present(secrets, MAILGUN_SIGNING_KEY).map(none::withMailgunSigningKey).orElse(none);
            case SES -> none.withSnsTopicArns(present(secrets, SES_TOPIC_ARNS).map(CredentialSchema::topicArns)
                    .orElse(Set.of()));
            case TWILIO -> present(secrets, TWILIO_AUTH_TOKEN).map(none::withTwilioAuthToken).orElse(none);
            case META -> present(secrets, META_APP_SECRET).isEmpty() && present(secrets, META_VERIFY_TOKEN).isEmpty()
                    ? none
                    : new ProviderCredentials(null, null, null, secrets.get(META_APP_SECRET),
                            secrets.get(META_VERIFY_TOKEN), null, Set.of());
            case UNIFONIC -> present(secrets, UNIFONIC_WEBHOOK_SECRET).map(none::withUnifonicSecret).orElse(none);
            case SMTP -> none;
        };
    }

    static Set<String> topicArns(String value) {
        return new LinkedHashSet<>(Arrays.stream(LIST_SEPARATOR.split(value.strip()))
                .filter(arn -> !arn.isEmpty())
                .toList());
    }

    private static Optional<String> present(Map<String, String> secrets, String name) {
        return Optional.ofNullable(secrets.get(name)).filter(value -> !value.isBlank());
    }

    private static boolean isEcPublicKey(String value) {
        String base64 = value.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) != null;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}

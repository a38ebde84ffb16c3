package io.funnelstream.engine.webhook;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The fields of an SNS HTTP message that take part in its signature, exactly as sent. */
record SnsEnvelope(
        String type,
        String messageId,
        String topicArn,
        String timestamp,
        String message,
        @Nullable String subject,
        @Nullable String subscribeUrl,
        @Nullable String token,
        String signatureVersion,
        String signature,
        String signingCertUrl) {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /** Thrown while reading a document that lacks a required field. */
    static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        final boolean signature;

        Missing(String field, boolean signature) {
            super("missing or non-string field " + field, null, false, false);
            this.signature = signature;
        }
    }

    static SnsEnvelope from(Map<?, ?> doc) throws Missing {
        String type = required(doc, "Type", false);
        boolean confirmation = !type.equals(NOTIFICATION);
        return new SnsEnvelope(
                type,
                required(doc, "MessageId", false),
                required(doc, "TopicArn", false),
                required(doc, "Timestamp", false),
                required(doc, "Message", false),
                optional(doc, "Subject"),
                confirmation ? required(doc, "SubscribeURL", false) : optional(doc, "SubscribeURL"),
                confirmation ? required(doc, "Token", false) : optional(doc, "Token"),
                required(doc, "SignatureVersion", true),
                required(doc, "Signature", true),
                required(doc, "SigningCertURL", true));
    }

    /** The string SNS signed: "Key\nvalue\n" for each signed key, in the documented order. */
    String canonical() {
        StringBuilder out = new StringBuilder(message.length() + 512);
        append(out, "Message", message);
        append(out, "MessageId", messageId);
        if (type.equals(NOTIFICATION)) {
            if (subject != null) {
                append(out, "Subject", subject);
            }
        } else {
            append(out, "SubscribeURL", subscribeUrl);
        }
        append(out, "Timestamp", timestamp);
        if (!type.equals(NOTIFICATION)) {
            append(out, "Token", token);
        }
        append(out, "TopicArn", topicArn);
        append(out, "Type", type);
        return out.toString();
    }

    private static void append(StringBuilder out, String key, @Nullable String value) {
        out.append(key).append('\n').append(value).append('\n');
    }

    private static String required(Map<?, ?> doc, String key, boolean signature) throws Missing {
        if (doc.get(key) instanceof String value) {
            return value;
        }
        throw new Missing(key, signature);
    }

    private static @Nullable String optional(Map<?, ?> doc, String key) throws Missing {
        Object value = doc.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new Missing(key, false);
    }
}

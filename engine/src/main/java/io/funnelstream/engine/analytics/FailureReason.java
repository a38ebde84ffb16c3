package io.funnelstream.engine.analytics;

import org.jspecify.annotations.Nullable;

/**
 * How many messages failed, or were held up, for one reason.
 *
 * @param status the messages' status now ({@code bounced}, {@code failed}, ... or {@code delivered} after a
 *     soft bounce)
 * @param bounceClass {@code hard} or {@code soft} for bounces
 * @param reason the provider's reason, as stated (cut to 200 characters)
 * @param errorCode the provider's error code or SMTP status
 * @param messages how many messages
 */
public record FailureReason(
        String status,
        @Nullable String bounceClass,
        @Nullable String reason,
        @Nullable String errorCode,
        long messages) {}

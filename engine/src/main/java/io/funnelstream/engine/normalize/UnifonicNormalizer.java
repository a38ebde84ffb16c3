package io.funnelstream.engine.normalize;

import io.funnelstream.engine.form.FormData;
import io.funnelstream.engine.form.FormParseException;
import io.funnelstream.engine.json.Json;
import io.funnelstream.engine.json.JsonParseException;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Unifonic: the legacy SMS DLR callback (form fields, or query parameters on a GET) and the Conversation API's
 * JSON events (handled by {@link UnifonicConversation}).
 */
final class UnifonicNormalizer implements Normalizer {

    private static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final WebhookSettings settings;

    UnifonicNormalizer(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public Provider provider() {
        return Provider.UNIFONIC;
    }

    @Override
    public Normalized normalize(Verification.Verified verified) {
        WebhookRequest request = verified.request();
        try {
            if (isJson(request)) {
                return UnifonicConversation.normalize(request, Json.parse(request.body(), settings.jsonLimits()),
                        settings);
            }
            FormData form = request.method().equals("GET") ? request.query() : FormData.parse(request.body());
            return Results.events(List.of(legacy(request, form)), request, settings);
        } catch (JsonParseException | FormParseException e) {
            return Results.malformed("body cannot be decoded: " + e.getMessage());
        } catch (Malformed e) {
            return Results.malformed(e.getMessage());
        }
    }

    private static boolean isJson(WebhookRequest request) {
        if (request.mediaType().endsWith("json")) {
            return true;
        }
        byte[] body = request.body();
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    private MessageEvent legacy(WebhookRequest request, FormData form) {
        String id = nonEmpty(form, "MessageID").orElseThrow(() -> new Malformed("MessageID is missing"));
        String status = nonEmpty(form, "DLR").orElseThrow(() -> new Malformed("DLR is missing"));
        Instant occurredAt = nonEmpty(form, "SCTS").or(() -> nonEmpty(form, "DLRTimestamp"))
                .map(this::legacyTime)
                .orElse(request.receivedAt());
        return EventDraft.of(request, Provider.UNIFONIC, Channel.SMS)
                .ids(id + ":" + status, id)
                .type(legacyType(status), status)
                .occurredAt(occurredAt)
                .recipient(nonEmpty(form, "Recipient").orElse(null))
                .build();
    }

    /** Legacy times are local to the account's zone, {@code 2026-01-01 03:00:06}. */
    private Instant legacyTime(String text) {
        try {
            return LocalDateTime.parse(text, LEGACY_TIME).atZone(settings.unifonicLegacyZone()).toInstant();
        } catch (DateTimeException e) {
            throw new Malformed("legacy DLR time is not yyyy-mm-dd hh:mm:ss: " + text);
        }
    }

    static EventType legacyType(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "queued" -> EventType.QUEUED;
            case "sent" -> EventType.SENT;
            case "delivered" -> EventType.DELIVERED;
            case "undelivered", "undeliverable", "expired" -> EventType.UNDELIVERED;
            case "failed" -> EventType.FAILED;
            case "rejected" -> EventType.DROPPED;
            default -> EventType.UNKNOWN;
        };
    }

    private static Optional<String> nonEmpty(FormData form, String name) {
        return form.first(name).map(String::trim).filter(value -> !value.isEmpty());
    }
}

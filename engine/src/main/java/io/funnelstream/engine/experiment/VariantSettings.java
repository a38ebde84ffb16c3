package io.funnelstream.engine.experiment;

import io.funnelstream.engine.model.Channel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a variant may change, by setting name. The sender applies {@value #SUBJECT}, {@value #TEMPLATE},
 * {@value #HTML} and {@value #SEND_AT}; {@value #CHANNEL} is checked and stored but not applied yet (a message's
 * address and provider are fixed when it is queued).
 */
public final class VariantSettings {

    /** The email subject line, with the same placeholders as the distribution's template. */
    public static final String SUBJECT = "subject";
    /** The plain-text body (the SMS and WhatsApp body); on email without {@value #HTML} the HTML part is left out. */
    public static final String TEMPLATE = "template";
    /** The HTML body of an email. */
    public static final String HTML = "html";
    /** An ISO-8601 instant: the variant's messages are held until then. */
    public static final String SEND_AT = "sendAt";
    /** A channel slug ({@code email}, {@code sms}, {@code whatsapp}). */
    public static final String CHANNEL = "channel";

    private static final Set<String> NAMES = Set.of(SUBJECT, TEMPLATE, HTML, SEND_AT, CHANNEL);

    private VariantSettings() {}

    /** When the variant's messages may go out; empty when it sets no time. */
    public static Optional<Instant> sendAt(Map<String, String> settings) {
        String at = settings.get(SEND_AT);
        try {
            return at == null ? Optional.empty() : Optional.of(Instant.parse(at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with the variant's settings, one sentence each. */
    static List<String> problems(Variant variant) {
        List<String> problems = new ArrayList<>();
        variant.settings().forEach((name, value) -> {
            String where = "setting '" + name + "' of variant '" + variant.key() + "'";
            if (!NAMES.contains(name)) {
                problems.add(where + " is unknown (known: subject, template, html, sendAt, channel)");
            } else if (name.equals(SEND_AT) && sendAt(variant.settings()).isEmpty()) {
                problems.add(where + " must be an ISO-8601 instant, got " + value);
            } else if (name.equals(CHANNEL) && Channel.fromSlug(value).filter(c -> c.slug().equals(value)).isEmpty()) {
                problems.add(where + " must be email, sms or whatsapp, got " + value);
            } else if (name.equals(TEMPLATE) && value.isBlank()) {
                problems.add(where + " must not be blank");
            }
        });
        return problems;
    }
}

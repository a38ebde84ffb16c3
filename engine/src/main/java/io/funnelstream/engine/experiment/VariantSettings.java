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
 * What a variant may change, by setting name: {@value #SUBJECT}, {@value #TEMPLATE}, {@value #HTML},
 * {@value #SEND_AT} and {@value #CHANNEL}, all applied by the sender.
 *
 * <p>A {@value #CHANNEL} variant sends its recipients' messages on that channel: to the recipient's address there,
 * through the provider the tenant chose for it, with the variant's text (or the distribution's, which every
 * distribution has) as the SMS or WhatsApp body, and a subject required on email. A recipient assigned to it who has
 * no address on that channel is not moved to another one (that would mix the arms): the message fails with {@code
 * no-address-for-variant-channel} and still counts in the variant's trials, so the variant's rates answer "what
 * happens if this audience is invited on that channel", reachability included. An address suppressed on that
 * channel is suppressed as on any other send. As for every experiment, recipients suppressed on the channel they
 * were queued with are left out before they are assigned, so the arms stay comparable.
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
    /** A channel slug ({@code email}, {@code sms}, {@code whatsapp}): the variant's messages go out on it. */
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

    /** The channel the variant's messages go out on; empty when it keeps the one each recipient was queued with. */
    public static Optional<Channel> channel(Map<String, String> settings) {
        String slug = settings.get(CHANNEL);
        return slug == null ? Optional.empty() : Channel.fromSlug(slug.strip());
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
            } else if (name.equals(CHANNEL) && channel(variant.settings()).isEmpty()) {
                problems.add(where + " must be a channel (email, sms or whatsapp), got " + value);
            } else if (name.equals(TEMPLATE) && value.isBlank()) {
                problems.add(where + " must not be blank");
            }
        });
        return problems;
    }
}

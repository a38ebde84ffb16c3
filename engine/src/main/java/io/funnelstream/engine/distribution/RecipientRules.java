package io.funnelstream.engine.distribution;

import io.funnelstream.engine.model.Channel;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks recipients: email addresses (a practical subset of RFC 5321: one @, a dotted domain, no spaces, at most
 * 254 characters), E.164 numbers (+, then 2 to 15 digits, no leading 0), BCP 47 locales, custom fields (names
 * of letters, digits and _, at most 50, values strings, numbers or booleans of at most 1,000 characters), and
 * that the recipient can be reached on the channel asked for or on one of the distribution's channels.
 */
public final class RecipientRules {

    static final int MAX_FIELDS = 50;
    static final int MAX_VALUE = 1000;
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private RecipientRules() {}

    /** The outcome of checking one recipient: the recipient, or what is wrong with it. */
    public sealed interface Checked {
        /** A usable recipient. */
        record Valid(Recipient recipient) implements Checked {}

        /** The fields that cannot be used. */
        record Invalid(List<FieldError> errors) implements Checked {}
    }

    /**
     * Checks one recipient.
     *
     * @param path where the recipient is in the input, prefixed to each error's field (recipients[3])
     * @param channels the distribution's channels in fallback order
     */
    public static Checked check(String path, RecipientInput input, List<Channel> channels) {
        List<FieldError> errors = new ArrayList<>();
        String email = trimmed(input.email());
        String phone = trimmed(input.phone());
        String whatsapp = trimmed(input.whatsapp());
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError(path + ".email", "not an email address"));
        }
        if (phone != null && !E164.matcher(phone).matches()) {
            errors.add(new FieldError(path + ".phone", "not an E.164 number (+ and 2 to 15 digits, like +4915112345678)"));
        }
        if (whatsapp != null && !E164.matcher(whatsapp).matches()) {
            errors.add(new FieldError(path + ".whatsapp",
                    "not an E.164 number (+ and 2 to 15 digits, like +4915112345678)"));
        }
        String locale = locale(path, input.locale(), errors);
        Map<String, String> fields = fields(path, input.fields(), errors);
        Channel channel = channel(path, input.channel(), channels, email, phone, whatsapp, errors);
        if (!errors.isEmpty() || channel == null) {
            return new Checked.Invalid(errors);
        }
        String address = switch (channel) {
            case EMAIL -> email;
            case SMS -> phone;
            case WHATSAPP -> whatsapp;
        };
        return new Checked.Valid(new Recipient(UUID.randomUUID(), UUID.randomUUID(), email, phone, whatsapp, locale,
                channel, java.util.Objects.requireNonNull(address), fields));
    }

    private static @Nullable Channel channel(String path, @Nullable String asked, List<Channel> channels,
            @Nullable String email, @Nullable String phone, @Nullable String whatsapp, List<FieldError> errors) {
        if (asked != null) {
            Optional<Channel> c = Channel.fromSlug(asked);
            if (c.isEmpty()) {
                errors.add(new FieldError(path + ".channel", "not a channel (email, sms or whatsapp)"));
                return null;
            }
            if (address(c.get(), email, phone, whatsapp) == null) {
                errors.add(new FieldError(path + "." + c.get().slug(), "required for the channel " + asked));
                return null;
            }
            return c.get();
        }
        for (Channel c : channels) {
            if (address(c, email, phone, whatsapp) != null) {
                return c;
            }
        }
        List<String> names = channels.stream().map(c -> c == Channel.SMS ? "phone" : c.slug()).toList();
        errors.add(new FieldError(path, "no address for any channel of the distribution (give one of "
                + String.join(", ", names) + ")"));
        return null;
    }

    private static @Nullable String address(Channel c, @Nullable String email, @Nullable String phone,
            @Nullable String whatsapp) {
        return switch (c) {
            case EMAIL -> email;
            case SMS -> phone;
            case WHATSAPP -> whatsapp;
        };
    }

    private static @Nullable String locale(String path, @Nullable String tag, List<FieldError> errors) {
        String t = trimmed(tag);
        if (t == null) {
            return null;
        }
        try {
            return new Locale.Builder().setLanguageTag(t).build().toLanguageTag();
        } catch (IllformedLocaleException e) {
            errors.add(new FieldError(path + ".locale", "not a BCP 47 language tag (like en or pt-BR)"));
            return null;
        }
    }

    private static Map<String, String> fields(String path, @Nullable Map<String, @Nullable Object> given,
            List<FieldError> errors) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (given == null) {
            return fields;
        }
        if (given.size() > MAX_FIELDS) {
            errors.add(new FieldError(path + ".fields", "more than " + MAX_FIELDS + " fields"));
            return fields;
        }
        given.forEach((name, value) -> {
            String at = path + ".fields." + name;
            if (!FIELD.matcher(name).matches()) {
                errors.add(new FieldError(path + ".fields", "field names are letters, digits and _ (not starting"
                        + " with a digit), at most 64"));
            } else if (value == null) {
                fields.put(name, "");
            } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(new FieldError(at, "must be a string, number or boolean"));
            } else if (value.toString().length() > MAX_VALUE) {
                errors.add(new FieldError(at, "longer than " + MAX_VALUE + " characters"));
            } else {
                fields.put(name, value.toString());
            }
        });
        return fields;
    }

    private static @Nullable String trimmed(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        return t.isEmpty() ? null : t;
    }
}

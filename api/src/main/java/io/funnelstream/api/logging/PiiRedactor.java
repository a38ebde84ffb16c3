package io.funnelstream.api.logging;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in log text: e-mail addresses keep their first character and domain ({@code j***@example.com}),
 * phone numbers keep their separators and last two digits ({@code +*********71}).
 *
 * <p>A phone number is recognised when it starts with {@code +} (E.164, with or without separators) or when it is
 * written in groups ({@code (415) 555-2671}, {@code 020 7946 0958}). A bare run of digits is left alone, because ids,
 * counts and epoch timestamps look the same; so are UUIDs, dates, times, IP addresses and versions. Values of keys that
 * name a phone number ({@code phone}, {@code msisdn}, {@code mobile}) are masked whatever their shape.
 */
public final class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,})(?![\\w-])");

    /** {@code +} and 7 to 15 digits, each optionally after one separator. */
    private static final Pattern INTERNATIONAL =
            Pattern.compile("(?<![\\w+])\\+\\d(?:[ .()-]{0,2}\\d){6,14}(?![\\w]|[ .()-]?\\d)");

    /** Grouped national numbers: {@code (415) 555-2671}, {@code 415.555.2671}, {@code 050 123 4567}. */
    private static final Pattern GROUPED = Pattern.compile(
            "(?<![\\w.+:/-])(?:\\(\\d{2,4}\\) ?|\\d{2,4}[ .-])\\d{3,4}[ .-]\\d{3,4}(?![\\w:/-]|[.,]\\d)");

    private static final Pattern PHONE_KEY = Pattern.compile(".*(phone|msisdn|mobile).*");
    private static final int MIN_GROUPED_DIGITS = 9;

    private PiiRedactor() {}

    /** {@code text} with every e-mail address and phone number masked. */
    public static String redact(String text) {
        if (!mayContainPii(text)) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("$1***@$2");
        masked = replace(INTERNATIONAL.matcher(masked), 7);
        return replace(GROUPED.matcher(masked), MIN_GROUPED_DIGITS);
    }

    /** A key-value pair's value: masked entirely if the key names a phone number, else like {@link #redact(String)}. */
    public static String redact(String key, String value) {
        if (PHONE_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches() && digits(value) >= 3) {
            return maskDigits(value);
        }
        return redact(value);
    }

    private static boolean mayContainPii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' || isDigit(c)) {
                return true;
            }
        }
        return false;
    }

    private static String replace(Matcher matcher, int minDigits) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String found = matcher.group();
            String replacement = digits(found) >= minDigits ? maskDigits(found) : found;
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Every digit but the last two becomes {@code *}; everything else stays. */
    static String maskDigits(String value) {
        int keep = 2;
        char[] chars = value.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (isDigit(chars[i])) {
                if (keep > 0) {
                    keep--;
                } else {
                    chars[i] = '*';
                }
            }
        }
        return new String(chars);
    }

    private static int digits(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            if (isDigit(value.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

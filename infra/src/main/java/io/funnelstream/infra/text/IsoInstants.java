package io.funnelstream.infra.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 instants in UTC as {@link Instant#toString()} writes them ({@code 2026-11-26T09:30:00.123Z}), written and
 * read without {@link java.time.format.DateTimeFormatter}: every record of the event log carries two or three of them,
 * and the formatter's parsing was a tenth of the pipeline's decoding. Exactly what {@link Instant#toString()} and
 * {@link Instant#parse} give, which they remain for anything outside the plain form (years outside 0000-9999,
 * offsets other than {@code Z}, leap seconds): the fast path only takes what it can read for certain.
 */
public final class IsoInstants {

    private static final long SECONDS_PER_DAY = 86_400;

    private IsoInstants() {}

    /** The same text as {@link Instant#toString()}. */
    public static String format(Instant at) {
        long seconds = at.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        LocalDate date;
        try {
            date = LocalDate.ofEpochDay(day);
        } catch (DateTimeException e) {
            return at.toString();
        }
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return at.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nano = at.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
        char[] out = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int i = 19;
        if (digits > 0) {
            out[i++] = '.';
            int fraction = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1000 : nano;
            put(out, i, fraction, digits);
            i += digits;
        }
        out[i] = 'Z';
        return new String(out);
    }

    /**
     * The instant of the text, as {@link Instant#parse} reads it.
     *
     * @throws DateTimeParseException if the text is not an ISO-8601 instant
     */
    public static Instant parse(String text) {
        Instant fast = parsePlain(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for anything else (left to {@link Instant#parse}). */
    private static Instant parsePlain(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(s, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nano = fraction;
            for (int k = fractionDigits; k < 9; k++) {
                nano *= 10;
            }
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

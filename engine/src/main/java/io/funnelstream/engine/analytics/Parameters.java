package io.funnelstream.engine.analytics;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.rollup.BucketSize;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads the parameters of analytics requests, as given in a query string, into values or problems. Absent
 * parameters take their defaults: {@code to} now, {@code from} seven days before {@code to}, the zone UTC.
 */
public final class Parameters {

    /** How far back {@code from} defaults to, before {@code to}. */
    public static final Duration DEFAULT_SPAN = Duration.ofDays(7);

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::slug).toList();
    private static final List<String> BUCKETS = List.of("minute", "hour", "day");

    private Parameters() {}

    /** The time zone named by {@code tz}: an IANA name ({@code Europe/Berlin}) or an offset; UTC if absent. */
    public static Parsed<ZoneId> zone(@Nullable String tz) {
        if (tz == null || tz.isBlank()) {
            return Parsed.valid(ZoneOffset.UTC);
        }
        try {
            return Parsed.valid(ZoneId.of(tz.strip()));
        } catch (DateTimeException e) {
            return Parsed.invalid("invalid-time-zone", "tz '" + tz + "' is not a time zone: use an IANA name such "
                    + "as Europe/Berlin or America/New_York, an offset such as +02:00, or UTC.");
        }
    }

    /**
     * The range {@code [from, to)}. Each end is an ISO-8601 instant ({@code 2026-11-02T10:15:30Z}, or with an
     * offset) or a date read in {@code zone}: a {@code from} date starts at that day's first moment, a
     * {@code to} date includes that whole day.
     */
    public static Parsed<TimeRange> range(
            @Nullable String from, @Nullable String to, ZoneId zone, Instant now) {
        Parsed<Instant> end = to == null || to.isBlank() ? Parsed.valid(now) : instant("to", to, zone, true);
        return end.then(until -> {
            Parsed<Instant> start = from == null || from.isBlank()
                    ? Parsed.valid(until.minus(DEFAULT_SPAN))
                    : instant("from", from, zone, false);
            return start.then(since -> checked(since, until, zone));
        });
    }

    /** A channel by its slug. */
    public static Parsed<Channel> channel(String slug) {
        return Channel.fromSlug(slug.strip())
                .<Parsed<Channel>>map(Parsed::valid)
                .orElseGet(() -> Parsed.invalid("unknown-channel",
                        "Unknown channel '" + slug + "': use one of " + String.join(", ", CHANNELS) + ".", CHANNELS));
    }

    /** An optional channel filter. */
    public static Parsed<Optional<Channel>> optionalChannel(@Nullable String slug) {
        return slug == null || slug.isBlank() ? Parsed.valid(Optional.empty()) : channel(slug).map(Optional::of);
    }

    /** A bucket size: {@code minute}, {@code hour} or {@code day}; {@code fallback} if absent. */
    public static Parsed<BucketSize> bucket(@Nullable String name, BucketSize fallback) {
        if (name == null || name.isBlank()) {
            return Parsed.valid(fallback);
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "minute" -> Parsed.valid(BucketSize.MINUTE);
            case "hour" -> Parsed.valid(BucketSize.HOUR);
            case "day" -> Parsed.valid(BucketSize.DAY);
            default -> Parsed.invalid("unknown-bucket",
                    "Unknown bucket '" + name + "': use one of " + String.join(", ", BUCKETS) + ".", BUCKETS);
        };
    }

    /** A distribution id. */
    public static Parsed<UUID> distribution(String id) {
        try {
            UUID value = UUID.fromString(id.strip());
            if (value.toString().equalsIgnoreCase(id.strip())) {
                return Parsed.valid(value);
            }
        } catch (IllegalArgumentException e) {
            // not a UUID: answered below
        }
        return Parsed.invalid("invalid-distribution", "distribution '" + id + "' is not a distribution id (a UUID).");
    }

    /** An optional distribution filter. */
    public static Parsed<Optional<UUID>> optionalDistribution(@Nullable String id) {
        return id == null || id.isBlank() ? Parsed.valid(Optional.empty()) : distribution(id).map(Optional::of);
    }

    /** A page request: {@code page} from 0, {@code size} from 1 to {@value #MAX_PAGE_SIZE}. */
    public static Parsed<PageRequest> page(@Nullable String page, @Nullable String size) {
        Integer number = integer(page, 0);
        Integer count = integer(size, DEFAULT_PAGE_SIZE);
        if (number == null || number < 0) {
            return Parsed.invalid("invalid-page", "page '" + page + "' must be a whole number from 0.");
        }
        if (count == null || count < 1 || count > MAX_PAGE_SIZE) {
            return Parsed.invalid("invalid-page",
                    "size '" + size + "' must be a whole number from 1 to " + MAX_PAGE_SIZE + ".");
        }
        return Parsed.valid(new PageRequest(number, count));
    }

    private static Parsed<TimeRange> checked(Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            return Parsed.invalid("invalid-range", "from (" + from + ") must be before to (" + to + ").");
        }
        Duration span = Duration.between(from, to);
        if (span.compareTo(Cover.MAX_RANGE) > 0) {
            return Parsed.invalid("invalid-range", "The range spans " + span.toDays() + " days; at most "
                    + Cover.MAX_RANGE.toDays() + " days can be asked at once.");
        }
        return Parsed.valid(new TimeRange(from, to, zone));
    }

    private static Parsed<Instant> instant(String name, String text, ZoneId zone, boolean endOfDay) {
        String value = text.strip();
        try {
            return Parsed.valid(Instant.parse(value));
        } catch (DateTimeParseException notInstant) {
            try {
                return Parsed.valid(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException notOffset) {
                try {
                    LocalDate day = LocalDate.parse(value);
                    return Parsed.valid((endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant());
                } catch (DateTimeParseException notDate) {
                    return Parsed.invalid("invalid-time", name + " '" + text + "' is neither an ISO-8601 instant "
                            + "(2026-11-02T10:15:30Z, or with an offset) nor a date (2026-11-02).");
                }
            }
        }
    }

    private static @Nullable Integer integer(@Nullable String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package io.funnelstream.engine.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.rollup.BucketSize;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParametersTests {

    private static final Instant NOW = Instant.parse("2026-11-25T10:17:42Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldDefaultToTheSevenDaysBeforeNowInUtc() {
        assertThat(Parameters.zone(null)).isEqualTo(Parsed.valid(ZoneOffset.UTC));
        assertThat(Parameters.range(null, null, ZoneOffset.UTC, NOW))
                .isEqualTo(Parsed.valid(new TimeRange(NOW.minus(Duration.ofDays(7)), NOW, ZoneOffset.UTC)));
        assertThat(Parameters.range(null, "2026-11-20T00:00:00Z", ZoneOffset.UTC, NOW)).isEqualTo(Parsed.valid(
                new TimeRange(Instant.parse("2026-11-13T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z"),
                        ZoneOffset.UTC)));
    }

    @Test
    void shouldReadDatesAsWholeDaysInTheZone() {
        Parsed<TimeRange> range = Parameters.range("2026-03-29", "2026-03-29", BERLIN, NOW);

        assertThat(range).isEqualTo(Parsed.valid(new TimeRange(
                Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"), BERLIN)));
    }

    @Test
    void shouldReadInstantsWithAnOffset() {
        assertThat(Parameters.range("2026-11-01T12:00:00+02:00", "2026-11-02T00:00:00Z", ZoneOffset.UTC, NOW))
                .isEqualTo(Parsed.valid(new TimeRange(
                        Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC)));
    }

    @Test
    void shouldRefuseMalformedOrInvertedOrOverlongRanges() {
        assertProblem(Parameters.range("yesterday", null, ZoneOffset.UTC, NOW), "invalid-time", "from 'yesterday'");
        assertProblem(Parameters.range(null, "2026-13-01", ZoneOffset.UTC, NOW), "invalid-time", "to '2026-13-01'");
        assertProblem(Parameters.range("2026-11-20", "2026-11-10", ZoneOffset.UTC, NOW), "invalid-range",
                "must be before to");
        assertProblem(Parameters.range("2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z", ZoneOffset.UTC, NOW),
                "invalid-range", "must be before to");
        assertProblem(Parameters.range("2020-01-01", "2026-01-01", ZoneOffset.UTC, NOW), "invalid-range",
                "at most 1096 days");
    }

    @Test
    void shouldRefuseAnUnknownTimeZone() {
        assertProblem(Parameters.zone("Mars/Olympus_Mons"), "invalid-time-zone", "Europe/Berlin");
        assertThat(Parameters.zone("America/New_York")).isEqualTo(Parsed.valid(ZoneId.of("America/New_York")));
    }

    @Test
    void shouldListTheValidChannelsAndBucketsWhenRefusingOthers() {
        Parsed<Channel> fax = Parameters.channel("fax");

        assertProblem(fax, "unknown-channel", "email, sms, whatsapp");
        assertThat(((Parsed.Invalid<Channel>) fax).allowed()).containsExactly("email", "sms", "whatsapp");
        assertProblem(Parameters.bucket("week", BucketSize.HOUR), "unknown-bucket", "minute, hour, day");
        assertThat(Parameters.bucket(null, BucketSize.HOUR)).isEqualTo(Parsed.valid(BucketSize.HOUR));
        assertThat(Parameters.optionalChannel(null)).isEqualTo(Parsed.valid(Optional.empty()));
        assertThat(Parameters.optionalChannel("sms")).isEqualTo(Parsed.valid(Optional.of(Channel.SMS)));
    }

    @Test
    void shouldReadDistributionIdsAndPages() {
        UUID id = UUID.fromString("0b7e1f6c-2a4d-4c58-9e3b-5d6f7a8b9c0d");

        assertThat(Parameters.distribution(id.toString())).isEqualTo(Parsed.valid(id));
        assertProblem(Parameters.distribution("42"), "invalid-distribution", "'42'");
        assertThat(Parameters.page(null, null)).isEqualTo(Parsed.valid(new PageRequest(0, 20)));
        assertProblem(Parameters.page("-1", null), "invalid-page", "page '-1'");
        assertProblem(Parameters.page("0", "101"), "invalid-page", "from 1 to 100");
        assertProblem(Parameters.page("x", null), "invalid-page", "page 'x'");
    }

    static void assertProblem(Parsed<?> parsed, String slug, String detailPart) {
        assertThat(parsed).isInstanceOfSatisfying(Parsed.Invalid.class, invalid -> {
            assertThat(invalid.slug()).isEqualTo(slug);
            assertThat(invalid.detail()).contains(detailPart);
        });
    }
}

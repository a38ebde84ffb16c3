package io.funnelstream.infra.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTests {

    @Test
    void shouldWriteAndReadWhatInstantWritesAndReadsForRandomInstantsOfEveryPrecision() {
        Random random = new Random(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nano);
            String text = at.toString();

            assertThat(IsoInstants.format(at)).isEqualTo(text);
            assertThat(IsoInstants.parse(text)).isEqualTo(at);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00.5Z", "2026-11-26T09:30:00.12Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "-1000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
        "2026-11-26T09:30:00+01:00", "2026-11-26T09:30:00.123456-05:30", "2026-06-30T23:59:60Z",
        "2026-11-26T24:00:00Z", "2026-11-26T09:30:00.Z"
    })
    void shouldReadEveryFormInstantReadsTheSameWay(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
        Instant at = Instant.parse(text);
        assertThat(IsoInstants.format(at)).isEqualTo(at.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-11-26", "2026-11-26T09:30:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-26T09:60:00Z", "2026-11-26T09:30:00.1234567890Z",
        "2026-11-26 09:30:00Z", "2O26-11-26T09:30:00Z", "2026-11-26T09:30:00.12a4Z", "not an instant at all, really"
    })
    void shouldRefuseWhatInstantRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}

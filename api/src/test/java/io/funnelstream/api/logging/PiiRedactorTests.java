package io.funnelstream.api.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            john.doe@example.com                     | j***@example.com
            j@example.com                            | j***@example.com
            Jane.Doe+survey@mail.example.co.uk       | J***@mail.example.co.uk
            o'brien@example.ie                       | o'b***@example.ie
            sent to ann@example.com and bob@corp.io  | sent to a***@example.com and b***@corp.io
            <mary_smith@sub-domain.example.org>      | <m***@sub-domain.example.org>
            mailto:ops@funnelstream.io               | mailto:o***@funnelstream.io
            user=x.y@example.com,                    | user=x***@example.com,
            """)
    void shouldMaskEmailAddressesKeepingFirstCharacterAndDomain(String text, String expected) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            +14155552671                  | +*********71
            +966501234567                 | +**********67
            +44 20 7946 0958              | +** ** **** **58
            +1 (415) 555-2671             | +* (***) ***-**71
            +1-415-555-2671               | +*-***-***-**71
            +49.30.1234567                | +**.**.*****67
            (415) 555-2671                | (***) ***-**71
            (415)555-2671                 | (***)***-**71
            415-555-2671                  | ***-***-**71
            415.555.2671                  | ***.***.**71
            415 555 2671                  | *** *** **71
            020 7946 0958                 | *** **** **58
            050 123 4567                  | *** *** **67
            call +14155552671 now         | call +*********71 now
            to: 415-555-2671.             | to: ***-***-**71.
            """)
    void shouldMaskPhoneNumbersKeepingSeparatorsAndLastTwoDigits(String text, String expected) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "550e8400-e29b-41d4-a716-446655440000",
        "12345678-1234-1234-1234-123456789012",
        "2026-11-25T20:28:16.951Z",
        "2026-11-25T20:28:16.951+01:00",
        "2026-11-25 20:28:16,951",
        "25.11.2026 20:28",
        "11/25/2026",
        "1764102496951",
        "took 1234567 ms",
        "processed 12 345 678 rows",
        "127.0.0.1:54329",
        "192.168.100.200",
        "10.0.0.1",
        "version 4.1.2",
        "kafka-clients 3.9.2",
        "jdbc:postgresql://localhost:54329/funnelstream",
        "postgres@funnelstream",
        "port 8080, pid 25448",
        "traceId=4bf92f3577b34da6a3ce929d0e0e4736",
        "1e+1234567",
        "amount 1,234,567.89",
        "https://funnelstream.io/problems/not-found",
        "no digits or at-signs here",
        ""
    })
    void shouldLeaveTextWithoutPersonalDataUntouched(String text) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(text);
    }

    @Test
    void shouldNotMaskShortGroupedNumbers() {
        assertThat(PiiRedactor.redact("room 12 34 56")).isEqualTo("room 12 34 56");
    }

    @Test
    void shouldMaskBothKindsInOneMessage() {
        String message = "recipient jane@example.com (+966501234567) bounced, message 550e8400-e29b-41d4-a716-446655440000";

        assertThat(PiiRedactor.redact(message))
                .isEqualTo("recipient j***@example.com (+**********67) bounced, message "
                        + "550e8400-e29b-41d4-a716-446655440000");
    }

    @Test
    void shouldBeIdempotent() {
        String once = PiiRedactor.redact("a@example.com +14155552671 (415) 555-2671");

        assertThat(PiiRedactor.redact(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            phone          | 4155552671         | ********71
            recipientPhone | 0501234567         | ********67
            msisdn         | 966501234567       | **********67
            mobile_number  | +966 50 123 4567   | +*** ** *** **67
            """)
    void shouldMaskAnyDigitsUnderKeysThatNamePhoneNumbers(String key, String value, String expected) {
        assertThat(PiiRedactor.redact(key, value)).isEqualTo(expected);
    }

    @Test
    void shouldRedactValuesOfOtherKeysByContent() {
        assertThat(PiiRedactor.redact("to", "bob@example.com")).isEqualTo("b***@example.com");
        assertThat(PiiRedactor.redact("messageId", "1764102496951")).isEqualTo("1764102496951");
    }

    @Test
    void shouldNeverChangeUuids() {
        qt().withExamples(200).forAll(longs().all(), longs().all()).checkAssert((high, low) -> {
            UUID uuid = new UUID(high, low);
            assertThat(PiiRedactor.redact("event " + uuid + " stored")).isEqualTo("event " + uuid + " stored");
        });
    }

    @Test
    void shouldNeverChangeTimestamps() {
        qt().withExamples(200).forAll(longs().between(0, 4_102_444_800_000L)).checkAssert(epochMilli -> {
            Instant instant = Instant.ofEpochMilli(epochMilli);
            String text = instant + " " + OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(3)) + " " + epochMilli;

            assertThat(PiiRedactor.redact(text)).isEqualTo(text);
        });
    }

    @Test
    void shouldKeepOnlyLastTwoDigitsOfE164Numbers() {
        qt().withExamples(200).forAll(integers().between(1, 9), longs().between(100_000_000L, 99_999_999_999L))
                .checkAssert((country, subscriber) -> {
                    String number = "+" + country + subscriber;

                    String masked = PiiRedactor.redact(number);

                    assertThat(masked).hasSameSizeAs(number).startsWith("+")
                            .endsWith(number.substring(number.length() - 2));
                    assertThat(masked.substring(1, masked.length() - 2)).matches("\\*+");
                });
    }
}

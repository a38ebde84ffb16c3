package io.funnelstream.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.funnelstream.api.config.LoggingProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real Boot encoders, configured the way {@link LogFormatEnvironmentPostProcessor} configures them. */
class StructuredLogRedactionTests {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.funnelstream.test");

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void shouldMaskPersonalDataInJsonMessageAndKeyValuePairs() {
        String line = encode(LoggingProperties.Format.JSON, true, event(
                "Delivered to jane.doe@example.com at +14155552671", new IllegalStateException("bounce for x@example.org")));
        JsonNode json = JsonMapper.shared().readTree(line);

        assertThat(json.path("message").asString()).isEqualTo("Delivered to j***@example.com at +*********71");
        assertThat(json.path("recipient").asString()).isEqualTo("b***@example.com");
        assertThat(json.path("phone").asString()).isEqualTo("********71");
        assertThat(json.path("messageId").asString()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(json.path("tenant").asString()).isEqualTo("a***@example.net");
        assertThat(json.path("@timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        assertThat(line).doesNotContain("jane.doe@", "4155552671", "bob@", "x@example.org", "admin@");
    }

    @Test
    void shouldWriteJsonUntouchedWhenRedactionIsOff() {
        String line = encode(LoggingProperties.Format.JSON, false, event("Delivered to jane.doe@example.com", null));

        assertThat(JsonMapper.shared().readTree(line).path("message").asString())
                .isEqualTo("Delivered to jane.doe@example.com");
    }

    @Test
    void shouldMaskPersonalDataInTextLines() {
        String line = encode(LoggingProperties.Format.TEXT, true, event(
                "Delivered to jane.doe@example.com at +14155552671", new IllegalStateException("bounce for x@example.org")));

        assertThat(line)
                .contains(" INFO ", "io.funnelstream.test", "Delivered to j***@example.com at +*********71")
                .contains("recipient=b***@example.com", "phone=********71", "tenant=a***@example.net")
                .contains("messageId=550e8400-e29b-41d4-a716-446655440000")
                .contains("IllegalStateException: bounce for x***@example.org")
                .doesNotContain("jane.doe@", "4155552671", "bob@", "x@example.org");
    }

    private LoggingEvent event(String message, Throwable failure) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, failure, null);
        event.addKeyValuePair(new KeyValuePair("recipient", "bob@example.com"));
        event.addKeyValuePair(new KeyValuePair("phone", "4155552671"));
        event.addKeyValuePair(new KeyValuePair("messageId", "550e8400-e29b-41d4-a716-446655440000"));
        event.setMDCPropertyMap(Map.of("tenant", "admin@example.net"));
        return event;
    }

    private String encode(LoggingProperties.Format format, boolean redact, LoggingEvent event) {
        Map<String, Object> settings = LogFormatEnvironmentPostProcessor.settings(format, redact);
        MockEnvironment environment = new MockEnvironment();
        settings.forEach((key, value) -> environment.setProperty(key, value.toString()));
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(String.valueOf(settings.get(LogFormatEnvironmentPostProcessor.CONSOLE_FORMAT)));
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}

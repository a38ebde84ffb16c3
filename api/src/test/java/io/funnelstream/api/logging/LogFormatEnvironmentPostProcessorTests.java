package io.funnelstream.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatEnvironmentPostProcessorTests {

    private final LogFormatEnvironmentPostProcessor processor = new LogFormatEnvironmentPostProcessor();

    @Test
    void shouldDefaultToRedactedEcsJson() {
        MockEnvironment environment = new MockEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("logging.structured.json.customizer"))
                .isEqualTo(PiiRedactingJsonMembersCustomizer.class.getName());
    }

    @Test
    void shouldUseRedactingTextFormatterForText() {
        MockEnvironment environment = new MockEnvironment().withProperty("funnelstream.logging.format", "text");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console"))
                .isEqualTo(RedactingTextLogFormatter.class.getName());
    }

    @Test
    void shouldLeaveBootsPlainPatternForUnredactedText() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("funnelstream.logging.format", "text")
                .withProperty("funnelstream.logging.redact-pii", "false");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void shouldLetExplicitStructuredSettingsWin() {
        MockEnvironment environment = new MockEnvironment().withProperty("logging.structured.format.console", "logstash");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
        assertThat(environment.getProperty("logging.structured.json.customizer"))
                .isEqualTo(PiiRedactingJsonMembersCustomizer.class.getName());
    }
}

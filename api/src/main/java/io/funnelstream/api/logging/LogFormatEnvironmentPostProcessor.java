package io.funnelstream.api.logging;

import io.funnelstream.api.config.LoggingProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Translates {@code funnelstream.logging.*} ({@code FS_LOG_FORMAT}, {@code FS_LOG_REDACT_PII}) into Boot's structured
 * logging settings before the logging system starts: {@code json} is Elastic Common Schema, {@code text} one readable
 * line; with redaction on, both mask personal data. Explicit {@code logging.structured.*} settings win: these defaults
 * are added with the lowest precedence.
 */
public final class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "funnelstreamLogFormat";
    static final String CONSOLE_FORMAT = "logging.structured.format.console";
    static final String JSON_CUSTOMIZER = "logging.structured.json.customizer";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        var format = binder.bind("funnelstream.logging.format", LoggingProperties.Format.class)
                .orElse(LoggingProperties.Format.JSON);
        boolean redact = binder.bind("funnelstream.logging.redact-pii", Boolean.class).orElse(true);
        environment.getPropertySources().remove(PROPERTY_SOURCE);
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, settings(format, redact)));
    }

    static Map<String, Object> settings(LoggingProperties.Format format, boolean redact) {
        Map<String, Object> settings = new HashMap<>();
        switch (format) {
            case JSON -> {
                settings.put(CONSOLE_FORMAT, "ecs");
                if (redact) {
                    settings.put(JSON_CUSTOMIZER, PiiRedactingJsonMembersCustomizer.class.getName());
                }
            }
            case TEXT -> {
                if (redact) {
                    settings.put(CONSOLE_FORMAT, RedactingTextLogFormatter.class.getName());
                }
            }
        }
        return settings;
    }

    /** After the config files are read (they may set {@code funnelstream.logging.*}). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

package io.funnelstream.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Log output ({@code funnelstream.logging.*}); read while the environment is prepared, before any bean exists.
 *
 * @param format {@code json} (Elastic Common Schema, one object a line) or {@code text} (one readable line)
 * @param redactPii whether e-mail addresses and phone numbers are masked in messages and key-value pairs
 */
@ConfigurationProperties("funnelstream.logging")
public record LoggingProperties(Format format, boolean redactPii) {

    /** The shape of a log line. */
    public enum Format {
        JSON,
        TEXT
    }
}

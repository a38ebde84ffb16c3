package io.funnelstream.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge ({@code funnelstream.http.*}).
 *
 * @param maxRequestSize a request whose declared body is larger is refused with 413 before it is read
 */
@ConfigurationProperties("funnelstream.http")
public record HttpProperties(DataSize maxRequestSize) {}

package io.funnelstream.api.config;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.infra.provider.send.ResilienceSettings;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The providers' sending APIs ({@code funnelstream.providers.*}): one shared HTTP connection pool, guard settings
 * every provider starts from ({@code defaults}), and per provider its base URL and whatever differs.
 *
 * @param maxConnections HTTP connections per provider host
 * @param connectTimeout the longest a connection may take to open
 * @param defaults guard settings of every provider unless its own entry says otherwise
 */
@ConfigurationProperties("funnelstream.providers")
public record SendProvidersProperties(
        int maxConnections,
        Duration connectTimeout,
        Endpoint defaults,
        Endpoint sendgrid,
        Endpoint mailgun,
        Endpoint ses,
        Endpoint smtp,
        Endpoint twilio,
        Endpoint unifonic,
        Endpoint meta) {

    public Endpoint endpoint(Provider provider) {
        return switch (provider) {
            case SENDGRID -> sendgrid;
            case MAILGUN -> mailgun;
            case SES -> ses;
            case SMTP -> smtp;
            case TWILIO -> twilio;
            case UNIFONIC -> unifonic;
            case META -> meta;
        };
    }

    /** The provider's guards: its own settings over the defaults. */
    public ResilienceSettings resilience(Provider provider) {
        Endpoint own = endpoint(provider);
        Endpoint d = defaults;
        return new ResilienceSettings(
                pick(own.timeout(), d.timeout()),
                pick(own.maxAttempts(), d.maxAttempts()),
                pick(own.initialBackoff(), d.initialBackoff()),
                pick(own.maxBackoff(), d.maxBackoff()),
                pick(own.jitter(), d.jitter()),
                pick(own.maxRetryAfter(), d.maxRetryAfter()),
                pick(own.failureRateThreshold(), d.failureRateThreshold()),
                pick(own.slidingWindowSize(), d.slidingWindowSize()),
                pick(own.minimumCalls(), d.minimumCalls()),
                pick(own.openWait(), d.openWait()),
                pick(own.halfOpenCalls(), d.halfOpenCalls()),
                pick(own.ratePerSecond(), d.ratePerSecond()),
                Duration.ofSeconds(1),
                pick(own.rateWait(), d.rateWait()),
                pick(own.maxConcurrent(), d.maxConcurrent()));
    }

    private static <T> T pick(@Nullable T own, @Nullable T fallback) {
        if (own != null) {
            return own;
        }
        if (fallback == null) {
            throw new IllegalStateException("funnelstream.providers.defaults lacks a setting");
        }
        return fallback;
    }

    /**
     * One provider's API; an unset value falls back to {@code defaults}.
     *
     * @param baseUrl where its API is ({@code smtp://host:port} or {@code smtps://...} for SMTP; empty for SES: the
     *     region's endpoint)
     * @param conversationBaseUrl Unifonic only: the Conversation API (WhatsApp)
     * @param apiVersion Meta only: the Graph API version
     * @param timeout the longest one attempt may take
     * @param maxAttempts attempts in all (1: no retry)
     * @param initialBackoff first retry's wait, doubling up to {@code maxBackoff}, randomised by {@code jitter}
     * @param maxRetryAfter a provider's Retry-After up to this is waited out; longer ones are handed to the outbox
     * @param failureRateThreshold percent of failed calls in the window that opens the circuit
     * @param slidingWindowSize calls the failure rate is taken over
     * @param minimumCalls calls before the rate counts
     * @param openWait how long the circuit stays open
     * @param halfOpenCalls trial calls once the wait is over
     * @param ratePerSecond calls per second (the provider's documented rate, or the account's)
     * @param rateWait how long a call may wait for the rate limiter
     * @param maxConcurrent calls in flight at once
     */
    public record Endpoint(
            @Nullable URI baseUrl,
            @Nullable URI conversationBaseUrl,
            @Nullable String apiVersion,
            @Nullable Duration timeout,
            @Nullable Integer maxAttempts,
            @Nullable Duration initialBackoff,
            @Nullable Duration maxBackoff,
            @Nullable Double jitter,
            @Nullable Duration maxRetryAfter,
            @Nullable Float failureRateThreshold,
            @Nullable Integer slidingWindowSize,
            @Nullable Integer minimumCalls,
            @Nullable Duration openWait,
            @Nullable Integer halfOpenCalls,
            @Nullable Integer ratePerSecond,
            @Nullable Duration rateWait,
            @Nullable Integer maxConcurrent) {}
}

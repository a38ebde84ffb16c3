package io.funnelstream.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PropertiesSecretsTests {

    @Test
    void shouldNotPrintPostgresPasswords() {
        var pool = new PostgresProperties.Pool(0, 10, Duration.ofMinutes(10), Duration.ofSeconds(5));
        var properties = new PostgresProperties("db", 5432, "funnelstream", "app", "s3cret-app", "owner",
                "s3cret-owner", Duration.ofSeconds(5), Duration.ofSeconds(2), pool);

        assertThat(properties.toString()).contains("app@db:5432/funnelstream").doesNotContain("s3cret");
    }

    @Test
    void shouldNotPrintRedisCredentials() {
        var properties = new RedisProperties("redis://user:s3cret@cache:6379/0", Duration.ofSeconds(2), Duration.ofSeconds(1),
                "fs");

        assertThat(properties.toString()).contains("redis://***@cache:6379/0").doesNotContain("s3cret", "user:");
    }

    @Test
    void shouldNotPrintEndpointPasswords() {
        var endpoint = new DatabaseEndpoint("db", 5432, "funnelstream", "app", "s3cret-app", "owner", "s3cret-owner");

        assertThat(endpoint.toString()).isEqualTo("DatabaseEndpoint[app@db:5432/funnelstream]");
    }
}

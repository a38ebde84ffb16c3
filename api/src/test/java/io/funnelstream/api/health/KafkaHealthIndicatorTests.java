package io.funnelstream.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.support.LocalPostgres;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import reactor.test.StepVerifier;

class KafkaHealthIndicatorTests {

    @Test
    void shouldReportDownWithinTimeoutWhenNoBrokerAnswers() {
        String nobody = "127.0.0.1:" + LocalPostgres.freePort();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nobody,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_000))) {
            var indicator = new KafkaHealthIndicator(admin, Duration.ofMillis(800));

            StepVerifier.create(indicator.health())
                    .assertNext(health -> {
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails()).containsKey("error");
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        }
    }
}

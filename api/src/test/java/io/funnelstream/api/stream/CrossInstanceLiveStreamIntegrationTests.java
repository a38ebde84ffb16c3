package io.funnelstream.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.FunnelstreamApplication;
import io.funnelstream.api.config.Profiles;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.testkit.KafkaTestTopics;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.funnelstream.testkit.RedisTestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * Two whole instances of the service in the production profile, on ports of their own, sharing one Postgres
 * database, one Redis and one Kafka broker: instance one runs the rollup pipeline, instance two does not. A message
 * queued through instance one is counted by its pipeline, and the update reaches a dashboard streaming from
 * instance two, with a stream token instance one issued.
 */
class CrossInstanceLiveStreamIntegrationTests {

    @RegisterExtension
    static final PostgresTestDatabase database = new PostgresTestDatabase();

    @RegisterExtension
    static final KafkaTestTopics kafka = new KafkaTestTopics();

    @RegisterExtension
    static final RedisTestKeys redis = new RedisTestKeys();

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};
    static final String TOKEN_KEY = "x1:" + Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k');

    static ConfigurableApplicationContext one;
    static ConfigurableApplicationContext two;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        try (Admin admin = kafka.broker().admin()) {
            admin.createTopics(List.of(new NewTopic(kafka.topic("events"), 2, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        one = instance(true);
        two = instance(false);
    }

    @AfterAll
    static void stopInstances() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {two, one}) {
            if (context != null) {
                context.close();
            }
        }
    }

    static ConfigurableApplicationContext instance(boolean pipeline) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("funnelstream.postgres.host", database.host());
        properties.put("funnelstream.postgres.port", database.port());
        properties.put("funnelstream.postgres.database", database.database());
        properties.put("funnelstream.redis.url", "redis://" + redis.uri().getHost() + ":" + redis.uri().getPort());
        properties.put("funnelstream.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("funnelstream.kafka.topic", kafka.topic("events"));
        properties.put("funnelstream.webhooks.replay-key-prefix", redis.key("replay:"));
        properties.put("funnelstream.stream.redis-channel", redis.key("rollups:changed"));
        properties.put("funnelstream.alerts.tally-key-prefix", redis.key("tally:"));
        properties.put("funnelstream.redis.rollup-key-prefix", redis.key("rollups"));
        properties.put("funnelstream.stream.tokens.keys", TOKEN_KEY);
        properties.put("funnelstream.stream.coalesce", "50ms");
        properties.put("funnelstream.pipeline.enabled", pipeline);
        // As arguments: they rank above application.yml, where default properties would not.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(FunnelstreamApplication.class)
                .profiles(Profiles.PRODUCTION)
                .run(args);
    }

    static WebTestClient client(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + instance.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(TIMEOUT)
                .build();
    }

    @SuppressWarnings("unchecked")
    static long count(ServerSentEvent<Map<String, Object>> event, Stage stage) {
        Map<String, Object> ranges = (Map<String, Object>) event.data().get("ranges");
        Map<String, Object> counts = (Map<String, Object>) ((Map<String, Object>) ranges.get("today")).get("counts");
        Object value = counts.get(Counter.reached(stage));
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Test
    void shouldStreamFromOneInstanceWhatThePipelineOfTheOtherCounted() {
        assertThat(one.getEnvironment().getProperty("local.server.port"))
                .isNotEqualTo(two.getEnvironment().getProperty("local.server.port"));
        TenantDirectory directory = one.getBean(TenantDirectory.class);
        TenantRecord tenant = directory.createTenant("x" + UUID.randomUUID().toString().substring(0, 8), "X")
                .block(TIMEOUT);
        String viewer = directory.createApiKey(tenant.id(), "dash", Role.VIEWER).block(TIMEOUT).plaintext();
        String token = client(one).post().uri("/api/stream-tokens").header("X-API-Key", viewer).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        MessageRegistry registry = one.getBean(MessageRegistry.class);
        var events = client(two).get().uri("/api/analytics/stream?scope=channel:email&token=" + token)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(SSE)
                .getResponseBody()
                .filter(e -> e.event() != null);
        StepVerifier.create(events)
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("snapshot");
                    assertThat(count(event, Stage.QUEUED)).isZero();
                })
                .then(() -> registry.queue(new LogRecord.MessageQueued(tenant.id(), UUID.randomUUID(), Channel.EMAIL,
                        Provider.SENDGRID, "pm-" + UUID.randomUUID(), null, null, null, Instant.now()))
                        .block(TIMEOUT))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("delta");
                    assertThat(count(event, Stage.QUEUED)).isEqualTo(1);
                    assertThat(event.data().get("changed").toString()).contains(Counter.reached(Stage.QUEUED));
                })
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(two.getBean(io.funnelstream.api.config.PipelineRunner.class).isRunning()).isFalse();
        assertThat(one.getBean(io.funnelstream.api.config.PipelineRunner.class).isRunning()).isTrue();
    }
}

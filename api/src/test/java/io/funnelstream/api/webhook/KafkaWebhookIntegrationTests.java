package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.config.Profiles;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.eventlog.LogRecordCodec;
import io.funnelstream.infra.kafka.KafkaEventLog;
import io.funnelstream.testkit.KafkaTestTopics;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.funnelstream.testkit.RedisTestKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

/**
 * The production profile's path: Postgres (a database of this class), Redis (a key prefix of this class) as the
 * replay guard, and a real KRaft broker as the event log. A webhook's 200 comes only once its record is committed
 * to the topic, where a read_committed consumer finds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(Profiles.PRODUCTION)
@AutoConfigureWebTestClient
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaWebhookIntegrationTests {

    @RegisterExtension
    static final PostgresTestDatabase database = new PostgresTestDatabase();

    @RegisterExtension
    static final KafkaTestTopics kafka = new KafkaTestTopics();

    @RegisterExtension
    static final RedisTestKeys redis = new RedisTestKeys();

    private static final String SIGNING_KEY = "kafka-path-mailgun-key";
    private static final String AUTH_TOKEN = "kafka-path-twilio-token";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final LogRecordCodec CODEC = new LogRecordCodec();

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = kafka.broker().admin()) {
            admin.createTopics(List.of(new NewTopic(kafka.topic("events"), 2, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("funnelstream.postgres.host", database::host);
        registry.add("funnelstream.postgres.port", database::port);
        registry.add("funnelstream.postgres.database", database::database);
        registry.add("funnelstream.redis.url", () -> "redis://" + redis.uri().getHost() + ":" + redis.uri().getPort());
        registry.add("funnelstream.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("funnelstream.kafka.topic", () -> kafka.topic("events"));
        registry.add("funnelstream.webhooks.replay-key-prefix", () -> redis.key("replay:"));
        registry.add("funnelstream.alerts.tally-key-prefix", () -> redis.key("tally:"));
        registry.add("funnelstream.redis.rollup-key-prefix", () -> redis.key("rollups"));
    }

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @LocalServerPort
    int port;

    private TenantRecord tenant;

    @BeforeEach
    void tenantWithMailgunAndTwilio() {
        client = client.mutate().responseTimeout(WAIT).build();
        tenant = await(directory.createTenant("kafka-" + UUID.randomUUID().toString().substring(0, 8), "Kafka path"));
        String admin = await(directory.createApiKey(tenant.id(), "admin", Role.ADMIN)).plaintext();
        put(admin, "mailgun", Map.of("signingKey", SIGNING_KEY));
        put(admin, "twilio", Map.of("authToken", AUTH_TOKEN));
    }

    @Test
    void shouldAcknowledgeMailgunEventOnlyOnceItsRecordIsInTheTopic() {
        String token = UUID.randomUUID().toString();
        byte[] body = mailgun(token, "evt-" + token);

        post("mailgun", body, MediaType.APPLICATION_JSON, Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.accepted").isEqualTo(1);

        assertThat(inTopic()).singleElement().satisfies(event -> {
            assertThat(event.tenant()).isEqualTo(tenant.id());
            assertThat(event.providerEventId()).isEqualTo("evt-" + token);
            assertThat(event.type()).isEqualTo(EventType.BOUNCED);
        });
        assertThat(redisHasToken("mailgun:" + tenant.id() + ":" + token)).isTrue();
    }

    @Test
    void shouldCatchReplayedTokenThroughRedisAndRetryAsDuplicate() {
        String token = UUID.randomUUID().toString();
        byte[] body = mailgun(token, "evt-" + token);
        post("mailgun", body, MediaType.APPLICATION_JSON, Map.of()).expectStatus().isOk();

        post("mailgun", body, MediaType.APPLICATION_JSON, Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.duplicates").isEqualTo(1);
        post("mailgun", mailgun(token, "forged-" + token), MediaType.APPLICATION_JSON, Map.of())
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://funnelstream.io/problems/webhook-replayed");

        assertThat(inTopic()).extracting(MessageEvent::providerEventId).containsExactly("evt-" + token);
    }

    @Test
    void shouldVerifyTwilioAgainstTheUrlTheRequestCameToWithoutConfiguredBase() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String form = "MessageSid=" + sid + "&MessageStatus=delivered&To=%2B15558675310&AccountSid=AC1";
        String url = "http://localhost:" + port + "/webhooks/twilio/" + tenant.webhookKey();

        post("twilio", form.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_FORM_URLENCODED,
                Map.of("X-Twilio-Signature", Signatures.twilio(AUTH_TOKEN, url, form)))
                .expectStatus().isOk();

        assertThat(inTopic()).singleElement().satisfies(event -> {
            assertThat(event.providerMessageId()).isEqualTo(sid);
            assertThat(event.type()).isEqualTo(EventType.DELIVERED);
        });
    }

    private byte[] mailgun(String token, String eventId) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String json = """
                {"signature":{"token":"%s","timestamp":"%s","signature":"%s"},
                 "event-data":{"id":"%s","timestamp":%s,"event":"failed","severity":"permanent",
                  "recipient":"jane@example.com","message":{"headers":{"message-id":"m-%s@mg.example.com"}},
                  "delivery-status":{"code":550,"message":"5.1.1 no such user"}}}
                """.formatted(token, timestamp, Signatures.mailgun(SIGNING_KEY, timestamp, token), eventId,
                timestamp, token);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Every committed record of this tenant in the topic, read from the beginning. */
    private List<MessageEvent> inTopic() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<MessageEvent> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(kafka.topic("events")).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(record.key(), StandardCharsets.UTF_8).equals(tenant.id().toString())) {
                        String kind = new String(record.headers().lastHeader(KafkaEventLog.KIND_HEADER).value(),
                                StandardCharsets.UTF_8);
                        events.add(((LogRecord.Message) CODEC.decode(kind, record.value())).event());
                    }
                }
            }
        }
        return events;
    }

    private boolean redisHasToken(String token) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return connection.sync().exists(redis.key("replay:") + HexFormat.of().formatHex(digest)) == 1;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            client.shutdown();
        }
    }

    private WebTestClient.ResponseSpec post(String provider, byte[] body, MediaType type, Map<String, String> headers) {
        WebTestClient.RequestBodySpec request = client.post()
                .uri(URI.create("http://localhost:" + port + "/webhooks/" + provider + "/" + tenant.webhookKey()))
                .contentType(type);
        headers.forEach(request::header);
        return request.bodyValue(body).exchange();
    }

    private void put(String apiKey, String provider, Map<String, Object> secrets) {
        client.put().uri("/api/admin/providers/{provider}/credentials", provider)
                .header("X-API-Key", apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(secrets)
                .exchange()
                .expectStatus().isOk();
    }

    private static <T> T await(reactor.core.publisher.Mono<T> mono) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        StepVerifier.create(mono).consumeNextWith(result::set).expectComplete().verify(WAIT);
        return result.get();
    }
}

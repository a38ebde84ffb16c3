package io.funnelstream.api.demo;

import io.funnelstream.api.config.HomePaths;
import io.funnelstream.api.demo.SignedPosts.Message;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.infra.crypto.KeysetFiles;
import io.funnelstream.infra.postgres.DemoCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes the dashboard move: creates a demo tenant with an admin key (written to a file and logged), stores its
 * provider secrets through the admin API, creates a survey, distributions and recipients, then queues messages
 * (as a sender would) and posts each provider's signed webhooks for them through the real webhook endpoints,
 * with realistic delays, bounces, failures, duplicates and out-of-order arrivals, and the survey page's funnel
 * beacons (viewed, started, completed) to the tracking endpoint with each message's tracking token
 * ({@link Scenario}).
 */
final class DemoSimulator {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);
    private static final DateTimeFormatter SLUG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A distribution of the demo: its channels and recipients. */
    private record Distribution(UUID id, UUID survey, List<Channel> channels, List<DemoCatalog.Recipient> people) {}

    private record Setup(TenantRecord tenant, String apiKey, List<Distribution> distributions) {}

    private final TenantDirectory directory;
    private final DemoCatalog catalog;
    private final MessageRegistry registry;
    private final TrackingTokens tokens;
    private final Clock clock;
    private final DemoProperties properties;
    private final SplittableRandom random = new SplittableRandom();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private String dashboard = "/";

    DemoSimulator(TenantDirectory directory, DemoCatalog catalog, MessageRegistry registry, TrackingTokens tokens,
            Clock clock, DemoProperties properties) {
        this.directory = directory;
        this.catalog = catalog;
        this.registry = registry;
        this.tokens = tokens;
        this.clock = clock;
        this.properties = properties;
    }

    /** Sets up the tenant, then runs until disposed. */
    Disposable start(String origin) {
        this.dashboard = origin + "/";
        DemoSecrets secrets = DemoSecrets.generate();
        WebClient http = WebClient.create(origin);
        return setUp(http, secrets)
                .flatMapMany(setup -> traffic(setup, new SignedPosts(secrets, setup.tenant().webhookKey(), origin),
                        http))
                .subscribe(null, failure -> log.error("The demo simulator stopped: {}", failure.toString()));
    }

    private Mono<Setup> setUp(WebClient http, DemoSecrets secrets) {
        String slug = "demo-" + SLUG_TIME.format(clock.instant());
        return directory.createTenant(slug, "Demo (run --demo)")
                .flatMap(tenant -> directory.createApiKey(tenant.id(), "demo dashboard", Role.ADMIN)
                        .map(key -> new Setup(tenant, key.plaintext(), List.of())))
                .flatMap(setup -> Flux.fromIterable(secrets.stored().entrySet())
                        .concatMap(e -> http.put().uri("/api/admin/providers/{p}/credentials", e.getKey().slug())
                                .header("X-API-Key", setup.apiKey())
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(JsonText.of(e.getValue()))
                                .retrieve().toBodilessEntity())
                        .then(catalogue(setup.tenant().id()))
                        .map(distributions -> new Setup(setup.tenant(), setup.apiKey(), distributions)))
                .flatMap(setup -> writeKey(setup.apiKey()).thenReturn(setup))
                .doOnNext(setup -> log.info("Demo tenant '{}' ({}) is live: open {} and sign in with the API key in {}",
                        setup.tenant().slug(), setup.tenant().id(), dashboard, keyFile()))
                .timeout(TIMEOUT);
    }

    private Mono<List<Distribution>> catalogue(TenantId tenant) {
        List<Map.Entry<String, List<Channel>>> plan = List.of(
                Map.entry("Customer NPS, November", List.of(Channel.EMAIL, Channel.SMS)),
                Map.entry("Onboarding check-in", List.of(Channel.EMAIL, Channel.WHATSAPP)),
                Map.entry("Support CSAT", List.of(Channel.SMS, Channel.WHATSAPP)),
                Map.entry("Product feedback", List.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP)));
        int people = properties.recipientsPerDistribution();
        return catalog.survey(tenant, "Customer satisfaction", "https://survey.demo.example/nps")
                .flatMap(survey -> Flux.range(0, plan.size()).concatMap(i -> {
                    var entry = plan.get(i);
                    List<String> channels = entry.getValue().stream().map(Channel::slug).toList();
                    return catalog.distribution(tenant, survey, entry.getKey(), channels)
                            .flatMap(id -> catalog.recipients(tenant, id, i * people, people).collectList()
                                    .map(list -> new Distribution(id, survey, entry.getValue(), list)));
                }).collectList());
    }

    private Flux<Void> traffic(Setup setup, SignedPosts posts, WebClient http) {
        Flux<Long> ticks = Flux.concat(
                Flux.range(0, properties.initialMessages()).map(Integer::longValue)
                        .delayElements(Duration.ofMillis(40)),
                Flux.interval(properties.messageInterval()));
        return ticks.onBackpressureDrop()
                .flatMap(tick -> message(setup, posts, http), 512)
                .thenMany(Flux.empty());
    }

    private Mono<Void> message(Setup setup, SignedPosts posts, WebClient http) {
        Distribution d = setup.distributions().get(random.nextInt(setup.distributions().size()));
        DemoCatalog.Recipient person = d.people().get(random.nextInt(d.people().size()));
        Scenario.Plan plan = Scenario.draw(random.split(), d.channels());
        UUID id = UUID.randomUUID();
        Message m = new Message(id, plan.channel(), plan.provider(), providerMessageId(plan.provider()),
                person.email(), person.phone(), tokens.mint(setup.tenant().id(), id, person.id(), d.id(), d.survey()));
        Instant queued = clock.instant();
        LogRecord.MessageQueued record = new LogRecord.MessageQueued(setup.tenant().id(), id, plan.channel(),
                plan.provider(), m.providerMessageId(), d.id(), d.survey(), person.id(), queued);
        return registry.queue(record)
                .thenMany(Flux.fromIterable(plan.steps()).concatMap(step -> Mono.delay(
                                delayUntil(queued, step.arrives()))
                        .then(send(http, posts.post(m, step.status(), queued.plus(step.happened()), clock.instant())))))
                .onErrorResume(failure -> {
                    log.debug("demo message {} stopped: {}", id, failure.toString());
                    return Mono.empty();
                })
                .then();
    }

    private Duration delayUntil(Instant queued, Duration arrives) {
        Duration left = Duration.between(clock.instant(), queued.plus(arrives));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Mono<Void> send(WebClient http, SignedPosts.Post post) {
        return http.post().uri(post.path())
                .headers(h -> post.headers().forEach(h::set))
                .contentType(MediaType.parseMediaType(post.contentType()))
                .bodyValue(post.body())
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        posted.incrementAndGet();
                    } else if (refused.incrementAndGet() <= 5) {
                        log.warn("demo webhook {} answered {}", post.path().split("/")[2], response.statusCode());
                    }
                    return response.releaseBody();
                });
    }

    private String providerMessageId(Provider provider) {
        String hex = HexFormat.of().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt(),
                (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt()});
        String unique = hex + Long.toHexString(System.nanoTime());
        return switch (provider) {
            case SENDGRID -> "demo" + unique;
            case MAILGUN -> unique + "@mg.demo.example";
            case TWILIO -> "SM" + unique;
            case META -> "wamid.DEMO" + unique;
            default -> unique;
        };
    }

    private Path keyFile() {
        return HomePaths.expand(properties.apiKeyFile());
    }

    private Mono<Void> writeKey(String key) {
        return Mono.fromCallable(() -> {
            Path file = keyFile();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, key + System.lineSeparator(), StandardCharsets.UTF_8);
            KeysetFiles.restrict(file);
            return file;
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }
}

package io.funnelstream.benchmarks.webhook;

import io.funnelstream.engine.ingest.WebhookOutcome;
import io.funnelstream.engine.ingest.WebhookProviders;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.webhook.InMemoryReplayGuard;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A stand-in for the webhook routes on loopback: every request goes through the engine's own verifiers and
 * normalisers ({@link WebhookProviders}), as the service's routes do, and is answered 200 only if it is authentic
 * and yields events. It remembers every event id it accepted, so tests can see that none repeats.
 */
final class VerifyingWebhookServer implements AutoCloseable {

    static final TenantId TENANT = TenantId.random();

    private final WebhookProviders webhooks;
    private final ProviderCredentials credentials;
    private final Duration serviceTime;
    private final DisposableServer server;
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong repeatedEvents = new AtomicLong();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rawTypes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> channels = new ConcurrentHashMap<>();

    /** @param serviceTime how long each answer is held back after verification, as a slow service would */
    VerifyingWebhookServer(ProviderCredentials credentials, Duration serviceTime) {
        Clock clock = Clock.systemUTC();
        this.webhooks = WebhookProviders.create(
                WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 1_000), url -> Mono.empty());
        this.credentials = credentials;
        this.serviceTime = serviceTime;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post("/webhooks/{provider}/{key}", (request, response) -> request.receive()
                        .aggregate().asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(body -> webhooks.ingest(webhookRequest(request, body), this.credentials))
                        .map(this::answer)
                        .transform(status -> this.serviceTime.isZero() ? status : status.delayElement(this.serviceTime))
                        .flatMap(status -> response.status(status).send().then())))
                .bindNow();
    }

    String url(String provider) {
        return "http://127.0.0.1:" + server.port() + "/webhooks/" + provider + "/tk_bench";
    }

    private static WebhookRequest webhookRequest(HttpServerRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.requestHeaders().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
                .add(h.getValue()));
        String url = "http://" + request.requestHeaders().get("Host") + request.uri();
        Provider provider = Provider.fromSlug(request.param("provider")).orElseThrow();
        return new WebhookRequest(provider, TENANT, request.method().name(), url, WebhookHeaders.of(headers), body,
                Clock.systemUTC().instant());
    }

    private int answer(WebhookOutcome outcome) {
        return switch (outcome) {
            case WebhookOutcome.Denied denied -> count(denied.rejection().reason().name(),
                    denied.rejection().reason().httpStatus());
            case WebhookOutcome.Accepted(Normalized.Events accepted) -> {
                accepted.events().forEach(this::remember);
                yield count("accepted", 200);
            }
            case WebhookOutcome.Accepted other -> count(other.result().getClass().getSimpleName(), 400);
        };
    }

    private void remember(MessageEvent event) {
        events.incrementAndGet();
        if (!eventIds.add(event.providerEventId())) {
            repeatedEvents.incrementAndGet();
        }
        rawTypes.computeIfAbsent(event.rawType(), t -> new LongAdder()).increment();
        channels.computeIfAbsent(event.channel().name(), c -> new LongAdder()).increment();
    }

    private int count(String outcome, int status) {
        answers.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        return status;
    }

    long events() {
        return events.get();
    }

    long repeatedEvents() {
        return repeatedEvents.get();
    }

    Map<String, Long> answers() {
        return sums(answers);
    }

    Map<String, Long> rawTypes() {
        return sums(rawTypes);
    }

    Map<String, Long> channels() {
        return sums(channels);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((key, value) -> out.put(key, value.sum()));
        return out;
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}

package io.funnelstream.api.webhook;

import io.funnelstream.api.web.Bodies;
import io.funnelstream.api.web.Bodies.TooLarge;
import io.funnelstream.engine.alert.WebhookTally;
import io.funnelstream.engine.ingest.WebhookOutcome;
import io.funnelstream.engine.ingest.WebhookProviders;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.webhook.ProviderCredentialsSource;
import io.funnelstream.engine.webhook.SubscriptionConfirmer;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * One webhook request from arrival to answer: provider and tenant from the route, method and media type, the raw
 * body within the provider's limit, verification and normalisation by the engine, then the answer. Events are
 * acknowledged only once the event log has them; whatever fails on our side (log, database, SNS) is a 503 with
 * Retry-After, so the provider sends the request again and nothing it was told we have is lost. Each answered request
 * of a known tenant is counted in the {@link WebhookTally} (failed or not) for the webhook failure alert.
 */
final class WebhookIngestion {

    private static final Logger log = LoggerFactory.getLogger(WebhookIngestion.class);

    private final WebhookProviders providers;
    private final TenantKeys tenants;
    private final ProviderCredentialsSource credentials;
    private final EventLog eventLog;
    private final SubscriptionConfirmer subscriptions;
    private final RecentEvents recent;
    private final WebhookMetrics metrics;
    private final WebhookTally tally;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookIngestion(WebhookProviders providers, TenantKeys tenants, ProviderCredentialsSource credentials,
            EventLog eventLog, SubscriptionConfirmer subscriptions, RecentEvents recent, WebhookMetrics metrics,
            WebhookTally tally, WebhookProperties properties, Clock clock) {
        this.providers = providers;
        this.tenants = tenants;
        this.credentials = credentials;
        this.eventLog = eventLog;
        this.subscriptions = subscriptions;
        this.recent = recent;
        this.metrics = metrics;
        this.tally = tally;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<ResponseEntity<Object>> handle(String providerSlug, String tenantKey, ServerHttpRequest request) {
        Optional<Provider> provider = Provider.fromSlug(providerSlug).filter(p -> providers.find(p).isPresent());
        String tag = provider.map(Provider::slug).orElse(WebhookMetrics.UNKNOWN_PROVIDER);
        URI instance = instance(request);
        Timer.Sample sample = metrics.start();
        return Mono.defer(() -> provider
                        .map(p -> route(p, tenantKey, request, instance))
                        .orElseGet(() -> Mono.just(Answer.rejected(404,
                                Verification.Reason.UNSUPPORTED_PROVIDER.problemSlug(),
                                "No provider sends webhooks to this path.", instance))))
                .onErrorResume(e -> Mono.just(unavailable("webhook-dependency-unavailable", e, instance)))
                .doOnNext(answer -> metrics.request(tag, answer.outcome(), answer.reason()))
                .map(Answer::response)
                .doFinally(signal -> metrics.stop(sample, tag));
    }

    private Mono<Answer> route(Provider provider, String tenantKey, ServerHttpRequest request, URI instance) {
        ProviderRules rules = ProviderRules.of(provider);
        if (!rules.allows(request.getMethod())) {
            return Mono.just(Answer.methodNotAllowed(rules.methods(),
                    provider.slug() + " calls with " + rules.methods() + " only.", instance));
        }
        return tenants.resolve(tenantKey)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(tenant -> tenant.isEmpty()
                        ? Mono.just(Answer.rejected(404, "webhook-unknown-tenant",
                                "No tenant has this webhook key.", instance))
                        : receive(provider, rules, tenant.get(), request, instance)
                                .onErrorResume(e -> Mono.just(
                                        unavailable("webhook-dependency-unavailable", e, instance)))
                                .doOnNext(answer -> tally.record(tenant.get(), clock.instant(), failed(answer))));
    }

    private Mono<Answer> receive(
            Provider provider, ProviderRules rules, TenantId tenant, ServerHttpRequest request, URI instance) {
        String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        boolean hasBody = request.getHeaders().getContentLength() != 0 || contentType != null;
        if (request.getMethod().name().equals("POST") && hasBody && !rules.accepts(contentType)) {
            return Mono.just(Answer.rejected(415, "webhook-unsupported-media-type",
                    provider.slug() + " webhooks are sent as " + rules.mediaTypes() + ".", instance));
        }
        return Bodies.read(request, properties.maxBodyBytes(provider.slug()))
                .flatMap(body -> providers.ingest(webhookRequest(provider, tenant, request, body), credentials))
                .flatMap(outcome -> answer(provider, outcome, instance))
                .onErrorResume(TooLarge.class, e -> Mono.just(
                        Answer.rejected(413, "content-too-large", e.getMessage(), instance)));
    }

    private WebhookRequest webhookRequest(Provider provider, TenantId tenant, ServerHttpRequest request, byte[] body) {
        URI uri = request.getURI();
        String base = properties.publicBaseUrl() != null
                ? properties.publicBaseUrl()
                : uri.getScheme() + "://" + uri.getRawAuthority();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(headers::put);
        return new WebhookRequest(provider, tenant, request.getMethod().name(),
                WebhookRequest.publicUrl(base, uri.getRawPath(), uri.getRawQuery()), WebhookHeaders.of(headers), body,
                clock.instant());
    }

    private Mono<Answer> answer(Provider provider, WebhookOutcome outcome, URI instance) {
        return switch (outcome) {
            case WebhookOutcome.Denied(Verification.Rejected rejection) -> Mono.just(Answer.rejected(
                    rejection.reason().httpStatus(), rejection.reason().problemSlug(), rejection.detail(), instance));
            case WebhookOutcome.Accepted(Normalized result) -> switch (result) {
                case Normalized.Events events -> record(provider, events.events(), instance);
                case Normalized.Challenge challenge -> Mono.just(Answer.text(challenge.body(), "challenge"));
                case Normalized.ConfirmSubscription confirm -> subscriptions.confirm(confirm.subscribeUrl())
                        .timeout(properties.sns().fetchTimeout().multipliedBy(2))
                        .thenReturn(Answer.empty("subscription-confirmed"))
                        .onErrorResume(e -> Mono.just(
                                unavailable("webhook-subscription-unconfirmed", e, instance)));
                case Normalized.Acknowledged acknowledged -> Mono.just(Answer.empty("acknowledged"));
                case Normalized.Rejected rejected -> Mono.just(Answer.rejected(rejected.problem().httpStatus(),
                        rejected.problem().problemSlug(), rejected.detail(), instance));
            };
        };
    }

    /** Appends the events not appended lately, and answers only once the log has them. */
    private Mono<Answer> record(Provider provider, List<MessageEvent> events, URI instance) {
        List<MessageEvent> fresh = recent.unseen(events);
        if (fresh.isEmpty()) {
            return Mono.just(Answer.events(0, events.size()));
        }
        return eventLog.append(fresh.stream().map(LogRecord::of).toList())
                .timeout(properties.appendTimeout())
                .then(Mono.fromSupplier(() -> {
                    recent.appended(fresh);
                    metrics.appended(provider.slug(), fresh);
                    return Answer.events(fresh.size(), events.size() - fresh.size());
                }))
                .onErrorResume(e -> Mono.just(unavailable("webhook-event-log-unavailable", e, instance)));
    }

    /** Refused, or not recorded: what the webhook failure alert counts (a duplicate is a success). */
    private static boolean failed(Answer answer) {
        return answer.outcome() == WebhookMetrics.Outcome.REJECTED
                || answer.outcome() == WebhookMetrics.Outcome.UNAVAILABLE;
    }

    private Answer unavailable(String slug, Throwable failure, URI instance) {
        log.warn("webhook answered 503 {}: {}", slug, failure.toString());
        return Answer.unavailable(slug, "The request could not be recorded now; send it again later.",
                properties.retryAfter(), instance);
    }

    /** The request's path, up to and including the provider segment: the tenant's key stays out of answers. */
    private static URI instance(ServerHttpRequest request) {
        String path = request.getPath().value();
        int third = path.indexOf('/', "/webhooks/".length());
        try {
            return URI.create(third < 0 ? path : path.substring(0, third));
        } catch (IllegalArgumentException e) {
            return URI.create("/webhooks");
        }
    }
}

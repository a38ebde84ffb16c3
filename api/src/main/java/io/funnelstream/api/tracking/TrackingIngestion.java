package io.funnelstream.api.tracking;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.funnelstream.api.error.Problems;
import io.funnelstream.api.web.Bodies;
import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.RecipientOptOuts;
import io.funnelstream.engine.tracking.Beacon;
import io.funnelstream.engine.tracking.Scanners;
import io.funnelstream.engine.tracking.TokenVerdict;
import io.funnelstream.engine.tracking.TrackingClaims;
import io.funnelstream.engine.tracking.TrackingTokens;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * One beacon from arrival to answer: the client address's rate limit, media type and size, the body parsed, the
 * token checked (401 when forged or expired), the token's rate limit, scanners marked, opt-outs applied, and the
 * event appended to the event log before the 200. Whatever is refused is answered with a problem detail and
 * nothing is stored; a replay of an event appended lately is answered as a duplicate without a second append (the
 * pipeline's unique dedupe key keeps any other copy once).
 *
 * <p>Opt-out (the page says so, the browser sends {@code Sec-GPC: 1} or {@code DNT: 1}, or the recipient's opt-out
 * is recorded): only a completion is stored, without device data; other events are answered and dropped.
 */
final class TrackingIngestion {

    private static final Logger log = LoggerFactory.getLogger(TrackingIngestion.class);
    private static final List<MediaType> ACCEPTED = List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON);
    private static final int MAX_USER_AGENT = 300;

    private final TrackingTokens tokens;
    private final EventLog eventLog;
    private final RecipientOptOuts optOuts;
    private final TrackingProperties properties;
    private final TrackingMetrics metrics;
    private final Clock clock;
    private final TokenBuckets perToken;
    private final TokenBuckets perAddress;
    private final AsyncCache<OptOutKey, Boolean> optOutCache;
    private final Cache<String, Boolean> recent;

    private record OptOutKey(TenantId tenant, UUID recipient) {}

    TrackingIngestion(TrackingTokens tokens, EventLog eventLog, RecipientOptOuts optOuts,
            TrackingProperties properties, TrackingMetrics metrics, Clock clock) {
        this.tokens = tokens;
        this.eventLog = eventLog;
        this.optOuts = optOuts;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        this.perToken = new TokenBuckets(properties.perToken(), 1_000_000, System::nanoTime);
        this.perAddress = new TokenBuckets(properties.perAddress(), 1_000_000, System::nanoTime);
        this.optOutCache = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(properties.optOutCacheTtl()).buildAsync();
        this.recent = Caffeine.newBuilder().maximumSize(properties.recentEvents())
                .expireAfterWrite(Duration.ofHours(1)).build();
    }

    /** The request's body, read within the size limit, then {@link #handle}. */
    Mono<ResponseEntity<Object>> receive(ServerHttpRequest request) {
        return Bodies.read(request, properties.maxBodySize().toBytes())
                .flatMap(body -> handle(request, body))
                .onErrorResume(Bodies.TooLarge.class, e -> tooLarge());
    }

    Mono<ResponseEntity<Object>> handle(ServerHttpRequest request, byte[] body) {
        Instant received = clock.instant();
        Duration wait = perAddress.take(clientAddress(request));
        if (!wait.isZero()) {
            return Mono.just(tooMany("tracking-rate-limited-address", "Too many events from this address.", wait));
        }
        MediaType type = request.getHeaders().getContentType();
        if (type != null && ACCEPTED.stream().noneMatch(a -> a.isCompatibleWith(type))) {
            return Mono.just(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "tracking-unsupported-media-type",
                    "Send events as text/plain (navigator.sendBeacon) or application/json."));
        }
        return switch (Beacon.parse(body)) {
            case Beacon.Malformed m -> Mono.just(problem(HttpStatus.BAD_REQUEST, "tracking-malformed-event",
                    m.detail()));
            case Beacon.Valid v -> verified(request, v.beacon(), received);
        };
    }

    private Mono<ResponseEntity<Object>> tooLarge() {
        return Mono.just(problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large",
                "A tracking event is at most " + properties.maxBodySize().toBytes() + " bytes."));
    }

    private Mono<ResponseEntity<Object>> verified(ServerHttpRequest request, Beacon beacon, Instant received) {
        return switch (tokens.verify(beacon.token())) {
            case TokenVerdict.Forged f -> Mono.just(problem(HttpStatus.UNAUTHORIZED, "tracking-invalid-token",
                    f.detail()));
            case TokenVerdict.Expired e -> Mono.just(problem(HttpStatus.UNAUTHORIZED, "tracking-token-expired",
                    "The tracking token has expired."));
            case TokenVerdict.Valid v -> {
                Duration wait = perToken.take(beacon.token());
                yield wait.isZero()
                        ? optedOut(request, beacon, v.claims()).flatMap(out -> record(request, beacon, v.claims(),
                                out, received))
                        : Mono.just(tooMany("tracking-rate-limited-token", "Too many events for this link.", wait));
            }
        };
    }

    private Mono<Boolean> optedOut(ServerHttpRequest request, Beacon beacon, TrackingClaims claims) {
        HttpHeaders headers = request.getHeaders();
        if (beacon.optOut() || "1".equals(headers.getFirst("Sec-GPC")) || "1".equals(headers.getFirst("DNT"))) {
            return Mono.just(true);
        }
        UUID recipient = claims.recipientId();
        if (recipient == null) {
            return Mono.just(false);
        }
        return Mono.fromFuture(optOutCache.get(new OptOutKey(claims.tenant(), recipient),
                (key, executor) -> optOuts.optedOut(key.tenant(), key.recipient()).toFuture()));
    }

    private Mono<ResponseEntity<Object>> record(ServerHttpRequest request, Beacon beacon, TrackingClaims claims,
            boolean optedOut, Instant received) {
        if (optedOut && beacon.type() != SurveyEventType.COMPLETED) {
            metrics.event(beacon.type(), "opted-out");
            return Mono.just(accepted(0, 0, true));
        }
        HttpHeaders headers = request.getHeaders();
        String userAgent = headers.getFirst(HttpHeaders.USER_AGENT);
        String purpose = Optional.ofNullable(headers.getFirst("Sec-Purpose")).orElse(headers.getFirst("Purpose"));
        Optional<String> scanner = Scanners.detect(userAgent, purpose);
        Map<String, String> client = new LinkedHashMap<>();
        if (!optedOut) {
            client.putAll(beacon.client());
            if (userAgent != null) {
                client.put("userAgent", userAgent.length() > MAX_USER_AGENT
                        ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
            }
        }
        scanner.ifPresent(s -> client.put("scanner", s));
        String dedupeKey = claims.messageId() + ":" + beacon.id();
        String recentKey = claims.tenant() + "/" + dedupeKey;
        if (recent.getIfPresent(recentKey) != null) {
            metrics.event(beacon.type(), "duplicate");
            return Mono.just(accepted(0, 1, optedOut));
        }
        SurveyEvent event = new SurveyEvent(claims.tenant(), claims.messageId(), claims.recipientId(),
                claims.distributionId(), claims.surveyId(), beacon.type(), beacon.question(), dedupeKey,
                occurredAt(beacon.at(), received), received, client, scanner.isPresent(), null);
        return eventLog.append(List.of(LogRecord.of(event)))
                .timeout(properties.appendTimeout())
                .then(Mono.fromSupplier(() -> {
                    recent.put(recentKey, Boolean.TRUE);
                    metrics.event(beacon.type(), scanner.isPresent() ? "bot" : "accepted");
                    return accepted(1, 0, optedOut);
                }))
                .onErrorResume(e -> {
                    log.warn("tracking event answered 503: {}", e.toString());
                    metrics.event(beacon.type(), "unavailable");
                    ResponseEntity<Object> answer = problem(HttpStatus.SERVICE_UNAVAILABLE,
                            "tracking-event-log-unavailable", "The event could not be recorded now; send it again.");
                    HttpHeaders retry = new HttpHeaders();
                    retry.putAll(answer.getHeaders());
                    retry.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())));
                    return Mono.just(ResponseEntity.status(503).headers(retry).body(answer.getBody()));
                });
    }

    /** The page's time when plausible (not ahead of ours beyond the skew, not older than the age), else ours. */
    private Instant occurredAt(@Nullable Instant at, Instant received) {
        if (at == null || at.isAfter(received.plus(properties.maxClockSkew()))
                || at.isBefore(received.minus(properties.maxEventAge()))) {
            return received;
        }
        return at;
    }

    private String clientAddress(ServerHttpRequest request) {
        if (properties.trustForwardedFor()) {
            String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",", 2)[0].strip();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** Written as bytes rather than through the JSON encoder: every beacon is answered so. */
    private static ResponseEntity<Object> accepted(int accepted, int duplicates, boolean optOut) {
        byte[] body = ("{\"accepted\":" + accepted + ",\"duplicates\":" + duplicates + ",\"optOut\":" + optOut + "}")
                .getBytes(StandardCharsets.US_ASCII);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private ResponseEntity<Object> tooMany(String slug, String detail, Duration wait) {
        metrics.rejected(slug);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(HttpStatus.TOO_MANY_REQUESTS, slug, detail));
    }

    private ResponseEntity<Object> problem(HttpStatus status, String slug, String detail) {
        metrics.rejected(slug);
        ProblemDetail problem = Problems.problem(status, slug, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

package io.funnelstream.api.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/tracking/events}: funnel events from survey pages ({@code navigator.sendBeacon} or
 * {@code fetch}), authenticated by the signed tracking token inside them, never by an API key; and
 * {@code GET /survey-tracking.js}, the tracker those pages include (cacheable, with an ETag). CORS is answered by
 * {@link TrackingCorsFilter}.
 */
@RestController
class TrackingController {

    static final String EVENTS = "/api/tracking/events";
    static final String SCRIPT = "/survey-tracking.js";
    private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);

    private final TrackingIngestion ingestion;
    private final byte[] script;
    private final String etag;

    TrackingController(TrackingIngestion ingestion, TrackingProperties properties) {
        this.ingestion = ingestion;
        this.script = load();
        this.etag = "\"" + sha256(script) + "\"";
    }

    @PostMapping(EVENTS)
    Mono<ResponseEntity<Object>> event(ServerHttpRequest request) {
        return ingestion.receive(request);
    }

    @GetMapping(SCRIPT)
    ResponseEntity<byte[]> script(@RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        CacheControl cache = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().contentType(JAVASCRIPT).eTag(etag).cacheControl(cache).body(script);
    }

    private static byte[] load() {
        try (InputStream in = TrackingController.class.getResourceAsStream("/tracking/survey-tracking.js")) {
            if (in == null) {
                throw new IllegalStateException("tracking/survey-tracking.js is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

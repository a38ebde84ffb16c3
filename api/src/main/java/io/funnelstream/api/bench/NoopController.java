package io.funnelstream.api.bench;

import org.springframework.context.annotation.Profile;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /bench/noop}: reads the body, throws it away and answers 200 with nothing. What the same server, on
 * the same machine, does when a request costs nothing: the ceiling the webhook benchmark reports its routes
 * against. Exists only with the {@code bench} profile.
 */
@RestController
@Profile(BenchSecurityConfiguration.PROFILE)
class NoopController {

    static final String PATH = "/bench/noop";

    @PostMapping(PATH)
    Mono<ResponseEntity<Void>> noop(ServerHttpRequest request) {
        return request.getBody()
                .doOnNext(DataBufferUtils::release)
                .then(Mono.fromSupplier(() -> ResponseEntity.ok().<Void>build()));
    }
}

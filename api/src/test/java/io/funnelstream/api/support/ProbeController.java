package io.funnelstream.api.support;

import io.funnelstream.api.error.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Handlers that count their invocations or fail on purpose, so tests can see what the platform does around them. A
 * test component: never picked up by scanning, only where a test imports it.
 */
@TestComponent
@RestController
public class ProbeController {

    private final AtomicInteger experimentCalls = new AtomicInteger();
    private final AtomicInteger streamCalls = new AtomicInteger();

    /** The body of the echo probe. */
    public record Echo(@NotBlank String name) {}

    @GetMapping("/api/experiments/probe")
    Mono<String> experiment() {
        experimentCalls.incrementAndGet();
        return Mono.just("experiment ran");
    }

    @GetMapping("/api/analytics/stream/probe")
    Mono<String> stream() {
        streamCalls.incrementAndGet();
        return Mono.just("stream ran");
    }

    @PostMapping(path = "/api/probe/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Echo> echo(@Valid @RequestBody Echo echo) {
        return Mono.just(echo);
    }

    @GetMapping("/api/probe/boom")
    Mono<String> boom() {
        return Mono.error(new IllegalStateException(
                "ERROR: relation \"secrets\" does not exist: select password from secrets where user = 'hunter2'"));
    }

    @GetMapping("/api/probe/conflict")
    Mono<String> conflict() {
        return Mono.error(Problems.conflict("duplicate-survey", "A survey with this slug exists."));
    }

    public int experimentCalls() {
        return experimentCalls.get();
    }

    public int streamCalls() {
        return streamCalls.get();
    }
}

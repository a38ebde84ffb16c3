package io.funnelstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.error.ProblemMapper;
import io.funnelstream.api.error.ProblemResponder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

class DirectRouteTests {

    private static final DirectResponses RESPONSES =
            new DirectResponses(new ProblemMapper(), new ProblemResponder(ServerCodecConfigurer.create()));

    private final AtomicInteger chained = new AtomicInteger();
    private final HttpHandler chain = (request, response) -> {
        chained.incrementAndGet();
        return response.setComplete();
    };

    /** Serves {@code /mine}: as {@code outcome} says, or throws before answering when it is null. */
    private static DirectRoute route(@Nullable Mono<Void> outcome) {
        return new DirectRoute(true, RESPONSES) {
            @Override
            protected @Nullable Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response) {
                if (!request.getPath().value().equals("/mine")) {
                    return null;
                }
                if (outcome == null) {
                    throw new IllegalStateException("broken before answering");
                }
                return outcome;
            }
        };
    }

    @Test
    void shouldServeWhatItTakesAndLeaveTheRestToTheChain() {
        HttpHandler handler = route(Mono.empty()).apply(chain);

        handler.handle(MockServerHttpRequest.post("/mine").build(), new MockServerHttpResponse()).block();
        assertThat(chained).hasValue(0);
        handler.handle(MockServerHttpRequest.post("/other").build(), new MockServerHttpResponse()).block();
        assertThat(chained).hasValue(1);
    }

    @Test
    void shouldAnswerFailuresWithTheChainsProblemDetails() {
        List<@Nullable Mono<Void>> outcomes = Arrays.asList(Mono.error(new IllegalStateException("password in here")), null);
        for (Mono<Void> outcome : outcomes) {
            MockServerHttpResponse response = new MockServerHttpResponse();

            route(outcome).apply(chain).handle(MockServerHttpRequest.post("/mine").build(), response).block();

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBodyAsString().block())
                    .contains("\"type\":\"https://funnelstream.io/problems/internal-error\"")
                    .contains("\"instance\":\"/mine\"")
                    .doesNotContain("password");
            assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(chained).hasValue(0);
    }

    @Test
    void shouldKeepTheStatusOfFailuresThatCarryOne() {
        MockServerHttpResponse response = new MockServerHttpResponse();

        route(Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "taken")))
                .apply(chain).handle(MockServerHttpRequest.post("/mine").build(), response).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void shouldInstallNothingWhenNotEnabled() {
        DirectRoute off = new DirectRoute(false, RESPONSES) {
            @Override
            protected @Nullable Mono<Void> serve(ServerHttpRequest request, ServerHttpResponse response) {
                return Mono.empty();
            }
        };
        assertThat(off.apply(chain)).isSameAs(chain);
    }
}

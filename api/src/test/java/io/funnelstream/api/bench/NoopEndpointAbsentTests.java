package io.funnelstream.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Without the bench profile there is no no-op route and no bench filter chain. */
@WebFluxTest(controllers = io.funnelstream.api.support.ProbeController.class)
@Import(ServiceEdge.class)
class NoopEndpointAbsentTests {

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    @Test
    void shouldAnswer404ProblemForTheNoopRoute() {
        client.post().uri("/bench/noop").bodyValue("{}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(context.getBeansOfType(NoopController.class)).isEmpty();
        assertThat(context.getBeansOfType(BenchSecurityConfiguration.class)).isEmpty();
    }
}

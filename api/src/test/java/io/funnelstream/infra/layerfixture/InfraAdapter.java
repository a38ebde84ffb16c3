package io.funnelstream.infra.layerfixture;

import io.funnelstream.engine.model.Stage;
import org.springframework.web.reactive.function.client.WebClient;

/** Follows the layering: infra uses the engine and plain Spring WebFlux, which is allowed. */
public final class InfraAdapter {

    private final WebClient client;

    public InfraAdapter(WebClient client) {
        this.client = client;
    }

    public String describe(Stage stage) {
        return client + " " + stage.slug();
    }
}

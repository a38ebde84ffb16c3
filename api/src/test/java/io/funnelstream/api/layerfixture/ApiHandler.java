package io.funnelstream.api.layerfixture;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.infra.layerfixture.InfraAdapter;

/** Follows the layering: the api uses infra and the engine. */
public record ApiHandler(String name, InfraAdapter adapter) {

    public String describe() {
        return adapter.describe(Stage.DELIVERED);
    }
}

package io.funnelstream.infra.layerfixture;

import io.funnelstream.api.layerfixture.ApiHandler;

/** Breaks the layering: infra calls up into the api. */
public final class InfraReachingIntoApi {

    private InfraReachingIntoApi() {}

    public static String handle(ApiHandler handler) {
        return handler.name();
    }
}

package io.funnelstream.engine.layerfixture;

import io.funnelstream.api.layerfixture.ApiHandler;

/** Breaks the layering: the engine calls up into the api. */
public record EngineReachingIntoApi(ApiHandler handler) {}

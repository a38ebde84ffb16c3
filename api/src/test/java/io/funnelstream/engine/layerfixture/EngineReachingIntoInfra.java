package io.funnelstream.engine.layerfixture;

import io.funnelstream.infra.layerfixture.InfraAdapter;

/** Breaks the layering: the engine uses an adapter instead of a port. */
public record EngineReachingIntoInfra(InfraAdapter adapter) {}

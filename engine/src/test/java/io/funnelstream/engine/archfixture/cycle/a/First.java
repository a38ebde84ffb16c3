package io.funnelstream.engine.archfixture.cycle.a;

import io.funnelstream.engine.archfixture.cycle.b.Second;

/** One half of a package cycle. */
public record First(Second other) {}

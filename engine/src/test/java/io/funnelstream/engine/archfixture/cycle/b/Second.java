package io.funnelstream.engine.archfixture.cycle.b;

import io.funnelstream.engine.archfixture.cycle.a.First;
import org.jspecify.annotations.Nullable;

/** The other half of a package cycle. */
public record Second(@Nullable First back) {}

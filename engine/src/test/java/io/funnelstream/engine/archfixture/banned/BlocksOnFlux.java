package io.funnelstream.engine.archfixture.banned;

import reactor.core.publisher.Flux;

/** Breaks the blocking ban: waits for a Flux. */
public final class BlocksOnFlux {

    private BlocksOnFlux() {}

    public static Integer last() {
        return Flux.just(1, 2).blockLast();
    }
}

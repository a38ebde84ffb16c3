package io.funnelstream.engine.archfixture.banned;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Breaks the blocking ban: waits for a Mono. */
public final class BlocksOnMono {

    private BlocksOnMono() {}

    public static Integer value() {
        return Mono.just(1).blockOptional(Duration.ofSeconds(1)).orElse(0);
    }
}

package io.funnelstream.engine.archfixture.clean;

import java.util.Locale;
import reactor.core.publisher.Mono;

/** Follows every rule: case mapping with an explicit locale, a Mono composed rather than waited for. */
public final class MapsCaseInRootLocale {

    private MapsCaseInRootLocale() {}

    public static Mono<String> slug(Mono<String> name) {
        return name.map(n -> n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
    }
}

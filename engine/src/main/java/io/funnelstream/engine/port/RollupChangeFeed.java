package io.funnelstream.engine.port;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells every instance of the service that rollups changed, so live streams re-read them. The pipeline publishes
 * after each window it applied to the {@link RollupStore}. Delivery is at most once and best effort: a subscriber
 * that falls behind loses the oldest notices (each adapter counts them), which costs freshness until the next
 * notice, never correctness, because notices carry no numbers.
 */
public interface RollupChangeFeed {

    /** Announces a change to every subscriber, on this instance and (for shared adapters) on every other. */
    Mono<Void> publish(RollupsChanged change);

    /** A hot stream of the changes published from now on; never completes while the feed is open. */
    Flux<RollupsChanged> changes();

    /** Notices this instance's subscribers lost because they fell behind. */
    long dropped();
}

package io.funnelstream.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Scope;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class InProcessRollupChangeFeedTests {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    final TenantId tenant = TenantId.random();

    RollupsChanged change(int i) {
        return new RollupsChanged(tenant, Set.of(Scope.distribution(new java.util.UUID(0, i))));
    }

    @Test
    void shouldDeliverEveryChangeToEverySubscriber() {
        InProcessRollupChangeFeed feed = new InProcessRollupChangeFeed();
        StepVerifier.create(feed.changes().take(2).collectList().zipWith(feed.changes().take(2).collectList()))
                .then(() -> feed.publish(change(1)).then(feed.publish(change(2))).subscribe())
                .assertNext(both -> {
                    assertThat(both.getT1()).containsExactly(change(1), change(2));
                    assertThat(both.getT2()).isEqualTo(both.getT1());
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldDropTheOldestChangesOfASubscriberThatFallsBehindAndCountThem() {
        InProcessRollupChangeFeed feed = new InProcessRollupChangeFeed(3);
        StepVerifier.create(feed.changes(), 0)
                .then(() -> {
                    for (int i = 1; i <= 10; i++) {
                        feed.publish(change(i)).subscribe();
                    }
                })
                .thenRequest(3)
                .expectNext(change(8), change(9), change(10))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(feed.dropped()).isEqualTo(7);
    }
}

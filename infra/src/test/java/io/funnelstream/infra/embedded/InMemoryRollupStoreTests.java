package io.funnelstream.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.infra.contract.RollupStoreContract;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryRollupStoreTests extends RollupStoreContract {

    private final InMemoryRollupStore store = new InMemoryRollupStore(CLOCK);

    @Override
    protected RollupStore store() {
        return store;
    }

    @Test
    void shouldDropTheRollupsFirstToExpireWhenATenantHasTooMany() {
        InMemoryRollupStore small = new InMemoryRollupStore(CLOCK, RollupRetention.DEFAULT, 4, 100);
        TenantId tenant = TenantId.random();
        RollupDelta.Builder delta = RollupDelta.builder();
        for (int h = 0; h < 6; h++) {
            delta.add(hourKey(tenant, NOW.minus(Duration.ofHours(h))), "stage.sent", 1);
        }

        expect(small.apply(tenant, window(0, 0), delta.build()), true);

        assertThat(small.size(tenant)).isEqualTo(4);
        expect(small.read(hourRange(tenant, 6)).map(s -> s.buckets().keySet()),
                Set.of(NOW, HOUR_AGO, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(3))));
    }

    @Test
    void shouldRecogniseOnlyTheLatestWindowsItRemembers() {
        InMemoryRollupStore forgetful = new InMemoryRollupStore(CLOCK, RollupRetention.DEFAULT, 100, 2);
        TenantId tenant = TenantId.random();
        RollupDelta one = add(hourKey(tenant, NOW), "stage.sent", 1);

        for (int w = 0; w < 3; w++) {
            expect(forgetful.apply(tenant, window(w, w), one), true);
        }

        expect(forgetful.apply(tenant, window(2, 2), one), false);
        expect(forgetful.apply(tenant, window(1, 1), one), false);
        expect(forgetful.apply(tenant, window(0, 0), one), true);
    }

    private static RollupQuery hourRange(TenantId tenant, int hours) {
        return new RollupQuery(tenant, Scope.all(),
                BucketSize.HOUR, NOW.minus(Duration.ofHours(hours - 1)),
                NOW.plus(Duration.ofHours(1)));
    }
}

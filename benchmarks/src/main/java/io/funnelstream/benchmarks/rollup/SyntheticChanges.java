package io.funnelstream.benchmarks.rollup;

import io.funnelstream.engine.lifecycle.MessageLifecycle;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.lifecycle.Transition;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Change;
import io.funnelstream.engine.rollup.LogPosition;
import io.funnelstream.engine.rollup.MessageDimensions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Changes as the pipeline would hand them over: email messages of a few tenants, each sent, delivered and
 * often opened and clicked, with delivery reports sometimes arriving after the open (which moves the
 * delivered count to an earlier bucket). Every message counts in five scopes.
 */
final class SyntheticChanges {

    private static final EventType[] LIFE = {
        EventType.SENT, EventType.DELIVERED, EventType.OPENED, EventType.CLICKED, EventType.OPENED
    };

    private final Random random;
    private final List<TenantId> tenants = new ArrayList<>();
    private final Instant base;
    private final int spreadSeconds;

    /**
     * @param base the earliest queueing time
     * @param spreadSeconds how far apart in time the events are: queueing times spread over it, and each
     *     message's events follow its queueing by up to as much
     */
    SyntheticChanges(long seed, int tenantCount, Instant base, int spreadSeconds) {
        this.random = new Random(seed);
        for (int i = 0; i < tenantCount; i++) {
            tenants.add(new TenantId(new UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L + i)));
        }
        this.base = base;
        this.spreadSeconds = spreadSeconds;
    }

    /** {@code count} changes of partition {@code partition} from offset {@code firstOffset} on. */
    List<Change> next(int count, String partition, long firstOffset) {
        List<Change> out = new ArrayList<>(count);
        long offset = firstOffset;
        while (out.size() < count) {
            offset = message(out, count, partition, offset);
        }
        return out;
    }

    private long message(List<Change> out, int limit, String partition, long offset) {
        TenantId tenant = tenants.get(random.nextInt(tenants.size()));
        MessageDimensions dims = new MessageDimensions(tenant, Channel.EMAIL, Provider.SENDGRID,
                new UUID(1, random.nextInt(20)), new UUID(2, random.nextInt(5)));
        UUID id = UUID.randomUUID();
        Instant queued = base.plusSeconds(random.nextInt(spreadSeconds));
        MessageState state = MessageState.initial(id, tenant, Channel.EMAIL, Provider.SENDGRID, queued);
        int events = 2 + random.nextInt(LIFE.length - 1);
        boolean lateDelivery = random.nextInt(10) == 0;
        for (int i = 0; i < events && out.size() < limit; i++) {
            EventType type = LIFE[lateDelivery && i == 1 ? 2 : lateDelivery && i == 2 ? 1 : i];
            Instant at = queued.plus(Duration.ofSeconds(i == 0 ? 1 : 1 + random.nextInt(spreadSeconds)));
            MessageEvent event = new MessageEvent(tenant, Channel.EMAIL, Provider.SENDGRID, "ev-" + offset,
                    "pm-" + id, id, type, at, at, null, null, null, null, null, false, type.slug());
            Transition t = MessageLifecycle.apply(state, event);
            out.add(Change.ofMessage(new LogPosition(partition, offset++), dims, t.change(), type, at));
            state = t.state();
        }
        return offset;
    }
}

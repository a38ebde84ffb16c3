package io.funnelstream.engine.rollup;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;

/**
 * Random event sets of one message whose times straddle minute, hour and day boundaries, so that first
 * times move between buckets of every size.
 */
final class RollupScenarios {

    static final TenantId TENANT = TenantId.of("5e0c7a1b-2d3f-4a6b-8c9d-0e1f2a3b4c5d");
    static final UUID MESSAGE = UUID.fromString("c4a1f0e2-7b3d-4e5f-9a8b-1c2d3e4f5a6b");
    static final UUID DISTRIBUTION = UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");
    static final UUID SURVEY = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    static final UUID EXPERIMENT = UUID.fromString("7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b");
    /** Thirty seconds before midnight UTC: a few seconds later is another minute, hour and day. */
    static final Instant QUEUED_AT = Instant.parse("2026-11-02T23:59:30Z");

    /** One message, the dimensions it counts under and a set of distinct events for it. */
    record Scenario(MessageDimensions dimensions, MessageState initial, List<MessageEvent> events) {}

    private record Draft(EventType type, int second, @Nullable BounceClass bounceClass, boolean machineOpen) {}

    private RollupScenarios() {}

    static Gen<Scenario> scenarios(int maxEvents) {
        return arbitrary().enumValues(Channel.class).flatMap(channel -> scenarios(channel, maxEvents));
    }

    /** The events in a random order, some of them repeated (provider retries), each at least once. */
    static List<MessageEvent> shuffledWithDuplicates(List<MessageEvent> events, Random random) {
        List<MessageEvent> out = new ArrayList<>(events);
        int duplicates = events.isEmpty() ? 0 : random.nextInt(events.size() + 1);
        for (int i = 0; i < duplicates; i++) {
            out.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(out, random);
        return out;
    }

    private static Gen<Scenario> scenarios(Channel channel, int maxEvents) {
        Gen<Provider> providers = arbitrary().pick(providersOf(channel));
        Gen<Integer> links = integers().between(0, 15);
        Gen<List<Draft>> drafts = lists().of(draft(channel)).ofSizeBetween(0, maxEvents);
        return providers.zip(links, drafts, (provider, link, list) -> scenario(channel, provider, link, list));
    }

    private static List<EventType> typesOf(Channel channel) {
        return switch (channel) {
            case EMAIL -> List.of(EventType.SENT, EventType.DEFERRED, EventType.DELIVERED, EventType.OPENED,
                    EventType.OPENED, EventType.CLICKED, EventType.BOUNCED, EventType.DROPPED,
                    EventType.SPAM_REPORTED, EventType.UNSUBSCRIBED, EventType.RESUBSCRIBED, EventType.UNKNOWN);
            case SMS -> List.of(EventType.QUEUED, EventType.SENT, EventType.DELIVERED, EventType.UNDELIVERED,
                    EventType.FAILED, EventType.UNKNOWN);
            case WHATSAPP -> List.of(EventType.SENT, EventType.DELIVERED, EventType.READ, EventType.FAILED,
                    EventType.UNKNOWN);
        };
    }

    private static List<Provider> providersOf(Channel channel) {
        return List.of(Provider.values()).stream().filter(p -> p.carries(channel)).toList();
    }

    private static Gen<Draft> draft(Channel channel) {
        // Offsets around the minute, hour and day boundaries 30 s after queueing, plus a wider spread.
        Gen<Integer> near = arbitrary().pick(-40, -31, -30, -1, 0, 29, 30, 31, 89, 90, 3629, 3630, 86429, 86430);
        Gen<Integer> wide = integers().between(-7_200, 180_000);
        Gen<Integer> seconds = booleans().all().zip(near, wide, (pickNear, n, w) -> pickNear ? n : w);
        return arbitrary().pick(typesOf(channel)).zip(seconds, arbitrary().enumValues(BounceClass.class),
                booleans().all(), Draft::new);
    }

    private static Scenario scenario(Channel channel, Provider provider, int link, List<Draft> drafts) {
        // bits: distribution, survey, sent under a variant, in the test audience (else the remainder)
        ExperimentArm arm = (link & 4) == 0 ? null : new ExperimentArm(EXPERIMENT, "b", (link & 8) != 0);
        MessageDimensions dimensions = new MessageDimensions(TENANT, channel, provider,
                (link & 1) == 0 ? null : DISTRIBUTION, (link & 2) == 0 ? null : SURVEY, arm);
        List<MessageEvent> events = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            events.add(event(channel, provider, "ev-" + i, drafts.get(i)));
        }
        MessageState initial = MessageState.initial(MESSAGE, TENANT, channel, provider, QUEUED_AT);
        return new Scenario(dimensions, initial, List.copyOf(events));
    }

    private static MessageEvent event(Channel channel, Provider provider, String id, Draft d) {
        Instant at = QUEUED_AT.plusSeconds(d.second());
        return new MessageEvent(
                TENANT,
                channel,
                provider,
                id,
                "provider-message-1",
                MESSAGE,
                d.type(),
                at,
                at.plusSeconds(1),
                "someone@example.com",
                d.type() == EventType.BOUNCED ? d.bounceClass() : null,
                null,
                null,
                d.type() == EventType.CLICKED ? "https://example.com/survey" : null,
                d.type() == EventType.OPENED && d.machineOpen(),
                d.type().slug());
    }
}

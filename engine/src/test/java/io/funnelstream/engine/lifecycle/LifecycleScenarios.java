package io.funnelstream.engine.lifecycle;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;

/** Random event sets of one message, with the event types each channel really reports. */
final class LifecycleScenarios {

    /** One message and a set of distinct events for it. */
    record Scenario(Channel channel, Provider provider, MessageState initial, List<MessageEvent> events) {}

    private record Draft(EventType type, int second, @Nullable BounceClass bounceClass, boolean machineOpen,
            @Nullable String reason, @Nullable String code) {}

    private LifecycleScenarios() {}

    static List<EventType> typesOf(Channel channel) {
        return switch (channel) {
            case EMAIL -> List.of(EventType.QUEUED, EventType.SENT, EventType.DEFERRED, EventType.DELIVERED,
                    EventType.OPENED, EventType.CLICKED, EventType.BOUNCED, EventType.DROPPED,
                    EventType.SPAM_REPORTED, EventType.UNSUBSCRIBED, EventType.RESUBSCRIBED, EventType.FAILED,
                    EventType.UNKNOWN);
            case SMS -> List.of(EventType.QUEUED, EventType.SENT, EventType.DELIVERED, EventType.UNDELIVERED,
                    EventType.FAILED, EventType.UNKNOWN);
            case WHATSAPP -> List.of(EventType.QUEUED, EventType.SENT, EventType.DELIVERED, EventType.READ,
                    EventType.FAILED, EventType.UNKNOWN);
        };
    }

    static Gen<Scenario> scenarios(int maxEvents) {
        return arbitrary().enumValues(Channel.class).flatMap(channel -> scenarios(channel, maxEvents));
    }

    static Gen<Scenario> scenarios(Channel channel, int maxEvents) {
        Gen<Provider> providers = arbitrary().pick(providersOf(channel));
        Gen<List<Draft>> drafts = lists().of(draft(channel)).ofSizeBetween(0, maxEvents);
        return providers.zip(drafts, (provider, list) -> scenario(channel, provider, list));
    }

    /** The events in a random order, some of them repeated (retries), each at least once. */
    static List<MessageEvent> shuffledWithDuplicates(List<MessageEvent> events, Random random) {
        List<MessageEvent> out = new ArrayList<>(events);
        int duplicates = events.isEmpty() ? 0 : random.nextInt(events.size() + 1);
        for (int i = 0; i < duplicates; i++) {
            out.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(out, random);
        return out;
    }

    private static List<Provider> providersOf(Channel channel) {
        List<Provider> out = new ArrayList<>();
        for (Provider p : Provider.values()) {
            if (p.carries(channel)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Gen<Draft> draft(Channel channel) {
        // A narrow time range makes equal times, and so the tie-breaks, common.
        Gen<Integer> seconds = integers().between(-5, 40);
        Gen<@Nullable BounceClass> bounceClasses = orNull(arbitrary().enumValues(BounceClass.class), 20);
        Gen<@Nullable String> reasons = orNull(arbitrary().pick("mailbox full", "unknown user", "carrier rejected"), 30);
        Gen<@Nullable String> codes = orNull(arbitrary().pick("550", "421", "30003"), 30);
        Gen<String[]> failures = reasons.zip(codes, (reason, code) -> new String[] {reason, code});
        return arbitrary().pick(typesOf(channel)).zip(seconds, bounceClasses, booleans().all(), failures,
                (type, second, bounce, machine, failure) -> new Draft(type, second, bounce, machine, failure[0],
                        failure[1]));
    }

    private static <T> Gen<@Nullable T> orNull(Gen<T> values, int percentNull) {
        return values.toOptionals(percentNull).map(o -> o.orElse(null));
    }

    private static Scenario scenario(Channel channel, Provider provider, List<Draft> drafts) {
        List<MessageEvent> events = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            events.add(TestEvents.event(
                    channel,
                    provider,
                    "ev-" + i,
                    d.type(),
                    TestEvents.at(d.second()),
                    d.type() == EventType.BOUNCED ? d.bounceClass() : null,
                    d.reason(),
                    d.code(),
                    d.type() == EventType.OPENED && d.machineOpen()));
        }
        return new Scenario(channel, provider, TestEvents.queued(channel, provider), List.copyOf(events));
    }
}

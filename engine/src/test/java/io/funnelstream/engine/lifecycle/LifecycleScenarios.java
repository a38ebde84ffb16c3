package io.funnelstream.engine.lifecycle;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;

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

    static Arbitrary<Scenario> scenarios(int maxEvents) {
        return Arbitraries.of(Channel.values()).flatMap(channel -> scenarios(channel, maxEvents));
    }

    static Arbitrary<Scenario> scenarios(Channel channel, int maxEvents) {
        Arbitrary<Provider> providers = Arbitraries.of(providersOf(channel));
        Arbitrary<List<Draft>> drafts = draft(channel).list().ofMaxSize(maxEvents);
        return Combinators.combine(providers, drafts).as((provider, list) -> scenario(channel, provider, list));
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

    private static Arbitrary<Draft> draft(Channel channel) {
        // A narrow time range makes equal times, and so the tie-breaks, common.
        Arbitrary<Integer> seconds = Arbitraries.integers().between(-5, 40);
        Arbitrary<@Nullable BounceClass> bounceClasses = Arbitraries.of(BounceClass.values()).injectNull(0.2);
        Arbitrary<@Nullable String> reasons = Arbitraries.of("mailbox full", "unknown user", "carrier rejected")
                .injectNull(0.3);
        Arbitrary<@Nullable String> codes = Arbitraries.of("550", "421", "30003").injectNull(0.3);
        return Combinators.combine(
                        Arbitraries.of(typesOf(channel)), seconds, bounceClasses, Arbitraries.of(true, false),
                        reasons, codes)
                .as(Draft::new);
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

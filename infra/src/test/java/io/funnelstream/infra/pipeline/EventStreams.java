package io.funnelstream.infra.pipeline;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Random streams of what the log carries, seeded: messages created, and provider events for them in any order,
 * many before their message, some repeated (provider retries, appends retried after a timeout), some naming our
 * message id and some only the provider's, some of types this version does not know, and a few for messages that
 * never come. Times lie in the last few hours, straddling minute and hour buckets, so that stores keep them.
 */
final class EventStreams {

    private static final EventType[] TYPES = {
        EventType.SENT, EventType.DELIVERED, EventType.OPENED, EventType.OPENED, EventType.CLICKED, EventType.READ,
        EventType.BOUNCED, EventType.DEFERRED, EventType.FAILED, EventType.UNKNOWN, EventType.UNSUBSCRIBED,
        EventType.SPAM_REPORTED, EventType.QUEUED, EventType.DROPPED, EventType.RESUBSCRIBED
    };

    private final Random random;
    private final Instant base;
    private int eventSeq;

    EventStreams(long seed) {
        this.random = new Random(seed);
        this.base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    }

    /** One tenant's part of a stream. */
    /** The experiment the messages of distributions are sent under. */
    static final UUID EXPERIMENT = UUID.fromString("7e57a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b");

    record TenantPlan(TenantId tenant, PipelineFixture.@Nullable Distribution distribution) {}

    /**
     * The records of {@code messagesPerTenant} messages per tenant, shuffled together, with repeats and orphans.
     * Per tenant the order is random, so events precede their message as often as not.
     */
    List<LogRecord> stream(List<TenantPlan> tenants, int messagesPerTenant) {
        List<LogRecord> records = new ArrayList<>();
        for (TenantPlan plan : tenants) {
            for (int m = 0; m < messagesPerTenant; m++) {
                records.addAll(message(plan));
            }
            records.addAll(orphans(plan.tenant()));
        }
        int repeats = records.size() / 5;
        for (int i = 0; i < repeats; i++) {
            records.add(records.get(random.nextInt(records.size())));
        }
        Collections.shuffle(records, random);
        return records;
    }

    /** A message that is created last: once it exists, every earlier record of its tenant was applied. */
    LogRecord.MessageQueued sentinel(TenantId tenant) {
        return new LogRecord.MessageQueued(tenant, UUID.randomUUID(), Channel.SMS, Provider.TWILIO,
                "sentinel-" + UUID.randomUUID(), null, null, null, base);
    }

    /** Messages of a distribution: none, a test variant (a or b), or the remainder sent the winner (b). */
    private @Nullable ExperimentArm arm() {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new ExperimentArm(EXPERIMENT, "a", true);
            case 2 -> new ExperimentArm(EXPERIMENT, "b", true);
            default -> new ExperimentArm(EXPERIMENT, "b", false);
        };
    }

    private List<LogRecord> message(TenantPlan plan) {
        Channel channel = Channel.values()[random.nextInt(3)];
        List<Provider> providers = new ArrayList<>();
        for (Provider p : Provider.values()) {
            if (p.carries(channel)) {
                providers.add(p);
            }
        }
        Provider provider = providers.get(random.nextInt(providers.size()));
        UUID id = UUID.randomUUID();
        String providerId = "pm-" + id;
        Instant queuedAt = base.plusSeconds(random.nextInt(3 * 3600));
        boolean counted = plan.distribution() != null && random.nextBoolean();
        List<LogRecord> out = new ArrayList<>();
        out.add(new LogRecord.MessageQueued(plan.tenant(), id, channel, provider, providerId,
                counted ? plan.distribution().id() : null, counted ? plan.distribution().surveyId() : null, null,
                queuedAt, counted ? arm() : null));
        int events = random.nextInt(7);
        for (int e = 0; e < events; e++) {
            out.add(LogRecord.of(event(plan.tenant(), channel, provider, providerId,
                    random.nextBoolean() ? id : null, queuedAt.plusSeconds(random.nextInt(600) - 60))));
        }
        return out;
    }

    private List<LogRecord> orphans(TenantId tenant) {
        List<LogRecord> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(LogRecord.of(event(tenant, Channel.EMAIL, Provider.SENDGRID, "never-" + UUID.randomUUID(),
                    null, base.plusSeconds(random.nextInt(3600)))));
        }
        return out;
    }

    private MessageEvent event(TenantId tenant, Channel channel, Provider provider, String providerMessageId,
            @Nullable UUID messageId, Instant at) {
        EventType type = TYPES[random.nextInt(TYPES.length)];
        BounceClass bounce = type == EventType.BOUNCED ? (random.nextBoolean() ? BounceClass.HARD : BounceClass.SOFT)
                : null;
        boolean machine = type == EventType.OPENED && random.nextInt(4) == 0;
        String id = "ev-" + (eventSeq++) + "-" + UUID.randomUUID();
        return new MessageEvent(tenant, channel, provider, id, providerMessageId, messageId, type, at,
                at.plusMillis(random.nextInt(5000)), null, bounce, type == EventType.FAILED ? "no route" : null,
                type == EventType.FAILED ? "30003" : null, type == EventType.CLICKED ? "https://x.example" : null,
                machine, type == EventType.UNKNOWN ? "teleported" : type.slug());
    }
}

package io.funnelstream.benchmarks.pipeline;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What a busy deployment's log carries: e-mail, SMS and WhatsApp messages of a few tenants, each created and then
 * sent, delivered and often opened or read and clicked, with one provider retry in twenty. Events carry the time
 * they are generated as {@code receivedAt}, which the freshness measurement starts from.
 */
final class Traffic {

    private static final EventType[][] LIVES = {
        {EventType.SENT, EventType.DELIVERED, EventType.OPENED, EventType.CLICKED},
        {EventType.SENT, EventType.DELIVERED, EventType.OPENED},
        {EventType.SENT, EventType.DELIVERED, EventType.READ},
        {EventType.SENT, EventType.DELIVERED},
        {EventType.SENT, EventType.BOUNCED},
    };

    private final List<TenantId> tenants;
    private final Clock clock;
    private final Random random = new Random(17);
    private final List<Pending> open = new ArrayList<>();

    private record Pending(TenantId tenant, UUID id, Channel channel, Provider provider, EventType[] life, int next) {}

    Traffic(List<TenantId> tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The next {@code n} records: new messages and events of earlier ones, interleaved. */
    List<LogRecord> next(int n) {
        List<LogRecord> out = new ArrayList<>(n);
        Instant now = clock.instant();
        while (out.size() < n) {
            if (open.size() < 200 || random.nextInt(4) == 0) {
                out.add(newMessage(now));
            } else {
                out.add(event(random.nextInt(open.size()), now));
            }
        }
        return out;
    }

    private LogRecord newMessage(Instant now) {
        TenantId tenant = tenants.get(random.nextInt(tenants.size()));
        Channel channel = Channel.values()[random.nextInt(3)];
        Provider provider = switch (channel) {
            case EMAIL -> Provider.SENDGRID;
            case SMS -> Provider.TWILIO;
            case WHATSAPP -> Provider.META;
        };
        UUID id = UUID.randomUUID();
        open.add(new Pending(tenant, id, channel, provider, LIVES[random.nextInt(LIVES.length)], 0));
        return new LogRecord.MessageQueued(tenant, id, channel, provider, "pm-" + id, null, null, null, now);
    }

    private LogRecord event(int index, Instant now) {
        Pending p = open.get(index);
        EventType type = p.life()[p.next()];
        boolean retry = random.nextInt(20) == 0;
        if (!retry) {
            if (p.next() + 1 == p.life().length) {
                open.set(index, open.getLast());
                open.removeLast();
            } else {
                open.set(index, new Pending(p.tenant(), p.id(), p.channel(), p.provider(), p.life(), p.next() + 1));
            }
        }
        return LogRecord.of(new MessageEvent(p.tenant(), p.channel(), p.provider(), p.id() + "-" + type.slug(),
                "pm-" + p.id(), random.nextBoolean() ? p.id() : null, type, now, now, null, null, null, null, null,
                false, type.slug()));
    }
}

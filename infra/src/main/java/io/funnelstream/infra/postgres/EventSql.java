package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.MessageStore.ClaimedEvent;
import io.funnelstream.engine.port.MessageStore.EventInsert;
import io.funnelstream.engine.port.StoredMessage;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import reactor.core.publisher.Flux;

/**
 * The {@code message_events} table: inserting a batch's events once each (the unique key refuses repeats, and
 * {@code returning} tells which rows are new), and claiming the events that waited for a message.
 */
final class EventSql {

    static final String COLUMNS = "provider, provider_event_id, provider_message_id, message_id, channel, type,"
            + " occurred_at, received_at, recipient, bounce_class, reason, error_code, url, machine_open, raw_type";

    private static final String INSERT = """
            insert into message_events (tenant_id, provider, provider_event_id, provider_message_id, message_id,
                channel, type, occurred_at, received_at, recipient, bounce_class, reason, error_code, url,
                machine_open, raw_type, applied_at)
            select $1::uuid, u.provider, u.peid, u.pmid, u.mid, u.channel, u.type, u.occurred, u.received,
                u.recipient, u.bounce, u.reason, u.code, u.url, u.machine, u.raw, case when u.applied then now() end
            from unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[],
                $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::bool[],
                $16::text[], $17::bool[]) as u(provider, peid, pmid, mid, channel, type, occurred, received,
                recipient, bounce, reason, code, url, machine, raw, applied)
            on conflict (tenant_id, provider, provider_event_id) do nothing
            returning provider, provider_event_id""";

    /**
     * Two index probes per message, driven by the messages (lateral joins): by our id, and by the provider's id
     * among events naming none of ours. Never a scan of the tenant's events, whatever the planner knows. The
     * message ids are compared as {@code uuid}: a cast from text row by row is not leakproof and, under row-level
     * security, could not drive the index.
     */
    static final String CLAIM = """
            with targets as (
                select e.id as event_id, c.id as message_id
                from unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) as c(id, provider, pmid, channel)
                cross join lateral (
                    select id from message_events
                    where tenant_id = $1 and message_id = c.id and applied_at is null
                        and provider = c.provider and channel = c.channel
                    union all
                    select id from message_events
                    where tenant_id = $1 and message_id is null and provider_message_id = c.pmid
                        and applied_at is null and provider = c.provider and channel = c.channel
                ) e
            )
            update message_events e set message_id = t.message_id, applied_at = now()
            from targets t where e.id = t.event_id
            returning e.tenant_id, e.""" + COLUMNS.replace(", ", ", e.");

    private EventSql() {}

    /** Inserts the events not stored yet; emits the (provider, provider event id) of those inserted. */
    static Flux<Inserted> insert(Connection c, TenantId tenant, List<EventInsert> events) {
        int n = events.size();
        String[] provider = new String[n];
        String[] eventId = new String[n];
        String[] providerMessageId = new String[n];
        UUID[] message = new UUID[n];
        String[] channel = new String[n];
        String[] type = new String[n];
        Instant[] occurred = new Instant[n];
        Instant[] received = new Instant[n];
        String[] recipient = new String[n];
        String[] bounce = new String[n];
        String[] reason = new String[n];
        String[] code = new String[n];
        String[] url = new String[n];
        Boolean[] machine = new Boolean[n];
        String[] raw = new String[n];
        Boolean[] applied = new Boolean[n];
        for (int i = 0; i < n; i++) {
            EventInsert insert = events.get(i);
            MessageEvent e = insert.event();
            provider[i] = e.provider().slug();
            eventId[i] = e.providerEventId();
            providerMessageId[i] = e.providerMessageId();
            message[i] = insert.appliedTo() != null ? insert.appliedTo() : e.messageId();
            channel[i] = e.channel().slug();
            type[i] = e.type().slug();
            occurred[i] = e.occurredAt();
            received[i] = e.receivedAt();
            recipient[i] = e.recipient();
            bounce[i] = e.bounceClass() == null ? null : e.bounceClass().name().toLowerCase(Locale.ROOT);
            reason[i] = e.reason();
            code[i] = e.errorCode();
            url[i] = e.url();
            machine[i] = e.machineOpen();
            raw[i] = e.rawType();
            applied[i] = insert.appliedTo() != null;
        }
        return Sql.query(c, INSERT, row -> new Inserted(Sql.required(row, "provider", String.class),
                        Sql.required(row, "provider_event_id", String.class)), tenant.value(),
                PgArray.texts(provider), PgArray.texts(eventId), PgArray.texts(providerMessageId),
                PgArray.uuids(message), PgArray.texts(channel), PgArray.texts(type), PgArray.instants(occurred),
                PgArray.instants(received), PgArray.texts(recipient), PgArray.texts(bounce), PgArray.texts(reason),
                PgArray.texts(code), PgArray.texts(url), PgArray.booleans(machine), PgArray.texts(raw),
                PgArray.booleans(applied));
    }

    /** Claims the pending events of these messages (see the port). */
    static Flux<ClaimedEvent> claim(Connection c, TenantId tenant, List<StoredMessage> messages) {
        int n = messages.size();
        UUID[] ids = new UUID[n];
        String[] providers = new String[n];
        String[] providerIds = new String[n];
        String[] channels = new String[n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(i);
            ids[i] = m.id();
            providers[i] = m.state().provider().slug();
            providerIds[i] = m.providerMessageId();
            channels[i] = m.state().channel().slug();
        }
        return Sql.query(c, CLAIM,
                row -> new ClaimedEvent(Sql.required(row, "message_id", UUID.class), event(row)),
                tenant.value(), PgArray.uuids(ids), PgArray.texts(providers), PgArray.texts(providerIds),
                PgArray.texts(channels));
    }

    /** A row holding {@code tenant_id} and {@link #COLUMNS} as an event. */
    static MessageEvent event(Readable row) {
        String bounce = row.get("bounce_class", String.class);
        Boolean machine = row.get("machine_open", Boolean.class);
        return new MessageEvent(
                new TenantId(Sql.required(row, "tenant_id", UUID.class)),
                Channel.fromSlug(Sql.required(row, "channel", String.class)).orElseThrow(),
                Provider.fromSlug(Sql.required(row, "provider", String.class)).orElseThrow(),
                Sql.required(row, "provider_event_id", String.class),
                Sql.required(row, "provider_message_id", String.class),
                row.get("message_id", UUID.class),
                type(Sql.required(row, "type", String.class)),
                Sql.required(row, "occurred_at", Instant.class),
                Sql.required(row, "received_at", Instant.class),
                row.get("recipient", String.class),
                bounce == null ? null : BounceClass.valueOf(bounce.toUpperCase(Locale.ROOT)),
                row.get("reason", String.class),
                row.get("error_code", String.class),
                row.get("url", String.class),
                Boolean.TRUE.equals(machine),
                Sql.required(row, "raw_type", String.class));
    }

    static EventType type(String slug) {
        return EventType.fromSlug(slug).orElse(EventType.UNKNOWN);
    }

    /** The key of an inserted event. */
    record Inserted(String provider, String providerEventId) {

        static Inserted of(MessageEvent e) {
            return new Inserted(e.provider().slug(), e.providerEventId());
        }
    }
}

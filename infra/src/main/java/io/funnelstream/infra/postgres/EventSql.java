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
            select $1::uuid, u.provider, u.peid, u.pmid, u.mid::uuid, u.channel, u.type, u.occurred::timestamptz,
                u.received::timestamptz, u.recipient, u.bounce, u.reason, u.code, u.url, u.machine::boolean, u.raw,
                case when u.applied::boolean then now() end
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                $16::text[], $17::text[]) as u(provider, peid, pmid, mid, channel, type, occurred, received,
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
                from unnest($2::text[]::uuid[], $3::text[], $4::text[], $5::text[]) as c(id, provider, pmid, channel)
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
        String[][] cols = new String[16][n];
        for (int i = 0; i < n; i++) {
            EventInsert insert = events.get(i);
            MessageEvent e = insert.event();
            UUID message = insert.appliedTo() != null ? insert.appliedTo() : e.messageId();
            cols[0][i] = e.provider().slug();
            cols[1][i] = e.providerEventId();
            cols[2][i] = e.providerMessageId();
            cols[3][i] = Sql.text(message);
            cols[4][i] = e.channel().slug();
            cols[5][i] = e.type().slug();
            cols[6][i] = Sql.text(e.occurredAt());
            cols[7][i] = Sql.text(e.receivedAt());
            cols[8][i] = e.recipient();
            cols[9][i] = e.bounceClass() == null ? null : e.bounceClass().name().toLowerCase(Locale.ROOT);
            cols[10][i] = e.reason();
            cols[11][i] = e.errorCode();
            cols[12][i] = e.url();
            cols[13][i] = Boolean.toString(e.machineOpen());
            cols[14][i] = e.rawType();
            cols[15][i] = Boolean.toString(insert.appliedTo() != null);
        }
        Object[] args = new Object[17];
        args[0] = tenant.value();
        System.arraycopy(cols, 0, args, 1, 16);
        return Sql.query(c, INSERT, row -> new Inserted(Sql.required(row, "provider", String.class),
                Sql.required(row, "provider_event_id", String.class)), args);
    }

    /** Claims the pending events of these messages (see the port). */
    static Flux<ClaimedEvent> claim(Connection c, TenantId tenant, List<StoredMessage> messages) {
        int n = messages.size();
        String[][] cols = new String[4][n];
        for (int i = 0; i < n; i++) {
            StoredMessage m = messages.get(i);
            cols[0][i] = m.id().toString();
            cols[1][i] = m.state().provider().slug();
            cols[2][i] = m.providerMessageId();
            cols[3][i] = m.state().channel().slug();
        }
        return Sql.query(c, CLAIM,
                row -> new ClaimedEvent(Sql.required(row, "message_id", UUID.class), event(row)),
                tenant.value(), cols[0], cols[1], cols[2], cols[3]);
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

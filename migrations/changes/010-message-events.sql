--liquibase formatted sql

--changeset funnelstream:010-message-events
--comment: Raw provider events in canonical form (engine model MessageEvent), kept as received.
-- unique (tenant_id, provider, provider_event_id) is what makes a provider's retry count once: insert with
-- on conflict do nothing. applied_at is set once the event has moved its message. message_id has no foreign
-- key: events may name a message this database does not know (yet), and that is not an error.
create table message_events (
    id                  bigint      generated always as identity primary key,
    tenant_id           uuid        not null references tenants (id),
    provider            text        not null,
    provider_event_id   text        not null,
    provider_message_id text        not null,
    message_id          uuid,
    channel             text        not null,
    type                text        not null,
    occurred_at         timestamptz not null,
    received_at         timestamptz not null,
    recipient           text,
    bounce_class        text,
    reason              text,
    error_code          text,
    url                 text,
    machine_open        boolean     not null default false,
    raw_type            text        not null,
    payload             jsonb,
    applied_at          timestamptz,
    constraint message_events_provider_event_key unique (tenant_id, provider, provider_event_id),
    constraint message_events_provider_check
        check (provider in ('sendgrid', 'mailgun', 'ses', 'smtp', 'twilio', 'unifonic', 'meta')),
    constraint message_events_channel_check check (channel in ('email', 'sms', 'whatsapp')),
    constraint message_events_type_check check (type in (
        'queued', 'sent', 'deferred', 'delivered', 'opened', 'clicked', 'read', 'bounced', 'dropped', 'failed',
        'undelivered', 'spam_reported', 'unsubscribed', 'resubscribed', 'unknown')),
    constraint message_events_bounce_class_check check (bounce_class in ('hard', 'soft'))
);
-- Events for a message not known yet, found again when the message turns up.
create index message_events_unmatched_idx on message_events (tenant_id, provider_message_id)
    where message_id is null;
create index message_events_message_idx on message_events (tenant_id, message_id, occurred_at)
    where message_id is not null;
alter table message_events enable row level security;
create policy tenant_isolation on message_events
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on message_events to funnelstream_app;
grant usage, select on sequence message_events_id_seq to funnelstream_app;
--rollback drop table message_events;

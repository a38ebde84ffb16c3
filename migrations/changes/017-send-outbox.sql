--liquibase formatted sql

--changeset funnelstream:017-send-outbox
--comment: The sending outbox: one row per message a distribution sends, its id the message's id. Workers claim due
-- rows (state queued and due, or sending with an expired lease) with FOR UPDATE SKIP LOCKED and a lease, so no two
-- workers hold one row; a row leaves 'sending' only through its lease holder. 'recorded' says whether the
-- outcome is in the event log yet (a failure to record never holds back a send; a sweep records it later).
-- The unique key keeps one message per recipient of a distribution.
create table send_outbox (
    id                  uuid        primary key,
    tenant_id           uuid        not null references tenants (id),
    distribution_id     uuid        not null,
    recipient_id        uuid        not null,
    channel             text        not null,
    address             text        not null,
    state               text        not null default 'queued',
    provider            text,
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null default '-infinity',
    lease_owner         text,
    lease_until         timestamptz,
    provider_message_id text,
    error_code          text,
    failure_reason      text,
    recorded            boolean     not null default false,
    created_at          timestamptz not null default now(),
    finished_at         timestamptz,
    constraint send_outbox_recipient_key unique (tenant_id, distribution_id, recipient_id),
    constraint send_outbox_distribution_fkey
        foreign key (tenant_id, distribution_id) references distributions (tenant_id, id),
    constraint send_outbox_recipient_fkey
        foreign key (tenant_id, recipient_id) references recipients (tenant_id, id),
    constraint send_outbox_channel_check check (channel in ('email', 'sms', 'whatsapp')),
    constraint send_outbox_state_check
        check (state in ('queued', 'sending', 'sent', 'failed', 'suppressed', 'cancelled')),
    constraint send_outbox_attempts_check check (attempts >= 0)
);
create index send_outbox_due_idx on send_outbox (next_attempt_at) where state = 'queued';
create index send_outbox_lease_idx on send_outbox (lease_until) where state = 'sending';
create index send_outbox_unrecorded_idx on send_outbox (finished_at)
    where not recorded and state in ('sent', 'failed');
create index send_outbox_distribution_idx on send_outbox (tenant_id, distribution_id, state);
alter table send_outbox enable row level security;
create policy tenant_isolation on send_outbox
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on send_outbox to funnelstream_app;
--rollback drop table send_outbox;

--liquibase formatted sql

--changeset funnelstream:009-messages
--comment: One row per message sent on any channel, with the first time each lifecycle stage was reached.
-- status is the reached stage of highest rank (engine model Stage); spam_reported and unsubscribed are
-- stages but never a status. The partial unique index finds a message from a provider's event and also
-- serves as the (tenant_id, provider, provider_message_id) lookup index.
create table messages (
    id                  uuid        primary key default gen_random_uuid(),
    tenant_id           uuid        not null references tenants (id),
    distribution_id     uuid,
    recipient_id        uuid,
    survey_id           uuid,
    channel             text        not null,
    provider            text        not null,
    provider_message_id text,
    status              text        not null default 'queued',
    queued_at           timestamptz,
    sent_at             timestamptz,
    deferred_at         timestamptz,
    soft_bounced_at     timestamptz,
    dropped_at          timestamptz,
    undelivered_at      timestamptz,
    failed_at           timestamptz,
    bounced_at          timestamptz,
    delivered_at        timestamptz,
    opened_at           timestamptz,
    read_at             timestamptz,
    clicked_at          timestamptz,
    spam_reported_at    timestamptz,
    unsubscribed_at     timestamptz,
    open_count          integer     not null default 0,
    machine_open_count  integer     not null default 0,
    click_count         integer     not null default 0,
    bounce_class        text,
    failure_reason      text,
    error_code          text,
    updated_at          timestamptz not null default now(),
    constraint messages_distribution_fkey
        foreign key (tenant_id, distribution_id) references distributions (tenant_id, id),
    constraint messages_recipient_fkey
        foreign key (tenant_id, recipient_id) references recipients (tenant_id, id),
    constraint messages_survey_fkey
        foreign key (tenant_id, survey_id) references surveys (tenant_id, id),
    constraint messages_channel_check check (channel in ('email', 'sms', 'whatsapp')),
    constraint messages_provider_check
        check (provider in ('sendgrid', 'mailgun', 'ses', 'smtp', 'twilio', 'unifonic', 'meta')),
    constraint messages_status_check check (status in (
        'queued', 'sent', 'deferred', 'soft_bounced', 'dropped', 'undelivered', 'failed', 'bounced',
        'delivered', 'opened', 'read', 'clicked')),
    constraint messages_bounce_class_check check (bounce_class in ('hard', 'soft')),
    constraint messages_counts_check check (open_count >= 0 and machine_open_count >= 0 and click_count >= 0)
);
create unique index messages_provider_message_key
    on messages (tenant_id, provider, provider_message_id) where provider_message_id is not null;
create index messages_distribution_idx on messages (tenant_id, distribution_id);
create index messages_channel_queued_idx on messages (tenant_id, channel, queued_at);
create index messages_recipient_idx on messages (tenant_id, recipient_id);
alter table messages enable row level security;
create policy tenant_isolation on messages
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on messages to funnelstream_app;
--rollback drop table messages;

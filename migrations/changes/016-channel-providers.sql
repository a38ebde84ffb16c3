--liquibase formatted sql

--changeset funnelstream:016-channel-providers
--comment: The provider each tenant sends each channel with. Its credentials are in provider_credentials (015).
create table channel_providers (
    tenant_id  uuid        not null references tenants (id),
    channel    text        not null,
    provider   text        not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, channel),
    constraint channel_providers_carries_check check (
        (channel = 'email' and provider in ('sendgrid', 'mailgun', 'ses', 'smtp'))
        or (channel = 'sms' and provider in ('twilio', 'unifonic'))
        or (channel = 'whatsapp' and provider in ('twilio', 'unifonic', 'meta')))
);
alter table channel_providers enable row level security;
create policy tenant_isolation on channel_providers
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on channel_providers to funnelstream_app;
--rollback drop table channel_providers;

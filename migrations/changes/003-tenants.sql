--liquibase formatted sql

--changeset funnelstream:003-tenants
--comment: Tenants. Row-level security on the id itself: a tenant sees its own row only.
-- Rows are created through funnelstream_create_tenant (SECURITY DEFINER, see 014), which also draws the
-- webhook key; webhook URLs carry that key, never the tenant id.
create table tenants (
    id          uuid        primary key default gen_random_uuid(),
    slug        text        not null,
    name        text        not null,
    webhook_key text        not null,
    settings    jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null default now(),
    constraint tenants_slug_key unique (slug),
    constraint tenants_webhook_key_key unique (webhook_key),
    constraint tenants_slug_check check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    constraint tenants_webhook_key_check check (length(webhook_key) >= 32)
);
alter table tenants enable row level security;
create policy tenant_isolation on tenants
    using (id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on tenants to funnelstream_app;
--rollback drop table tenants;

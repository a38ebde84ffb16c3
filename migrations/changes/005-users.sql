--liquibase formatted sql

--changeset funnelstream:005-users
--comment: People of a tenant who use the dashboard, with the same roles as API keys.
create table users (
    id           uuid        primary key default gen_random_uuid(),
    tenant_id    uuid        not null references tenants (id),
    email        text        not null,
    display_name text,
    role         text        not null,
    created_at   timestamptz not null default now(),
    constraint users_tenant_email_key unique (tenant_id, email),
    constraint users_role_check check (role in ('admin', 'analyst', 'viewer'))
);
alter table users enable row level security;
create policy tenant_isolation on users
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on users to funnelstream_app;
--rollback drop table users;

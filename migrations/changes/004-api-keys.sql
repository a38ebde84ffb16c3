--liquibase formatted sql

--changeset funnelstream:004-api-keys
--comment: API keys. Only the SHA-256 of a key is stored; key_prefix is its first 12 characters, for display.
-- Keys carry 256 random bits, so a plain (unsalted, fast) hash is enough: there is nothing to brute-force.
-- Resolving a key before the tenant is known goes through funnelstream_resolve_api_key (see 012).
create table api_keys (
    id         uuid        primary key default gen_random_uuid(),
    tenant_id  uuid        not null references tenants (id),
    name       text        not null,
    key_prefix text        not null,
    key_hash   bytea       not null,
    role       text        not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    constraint api_keys_key_prefix_key unique (key_prefix),
    constraint api_keys_key_hash_key unique (key_hash),
    constraint api_keys_key_hash_check check (octet_length(key_hash) = 32),
    constraint api_keys_role_check check (role in ('admin', 'analyst', 'viewer'))
);
create index api_keys_tenant_idx on api_keys (tenant_id, created_at);
alter table api_keys enable row level security;
create policy tenant_isolation on api_keys
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on api_keys to funnelstream_app;
--rollback drop table api_keys;

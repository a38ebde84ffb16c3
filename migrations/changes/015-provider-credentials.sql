--liquibase formatted sql

--changeset funnelstream:015-provider-credentials
--comment: Each tenant's provider secrets (API keys, signing keys, auth tokens), sealed with AES-256-GCM by the
-- application (Tink keyset, associated data = tenant and provider) so the database never holds them in clear.
-- secret_names lists which secrets are set, for display; the values are only in the sealed blob.
create table provider_credentials (
    tenant_id    uuid        not null references tenants (id),
    provider     text        not null,
    sealed       bytea       not null,
    secret_names text[]      not null,
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, provider),
    constraint provider_credentials_provider_check
        check (provider in ('sendgrid', 'mailgun', 'ses', 'smtp', 'twilio', 'unifonic', 'meta'))
);
alter table provider_credentials enable row level security;
create policy tenant_isolation on provider_credentials
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on provider_credentials to funnelstream_app;
--rollback drop table provider_credentials;

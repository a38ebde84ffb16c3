--liquibase formatted sql

--changeset funnelstream:008-recipients
--comment: People a distribution reaches. Phone and WhatsApp numbers are E.164 (+ and up to 15 digits).
create table recipients (
    id              uuid        primary key default gen_random_uuid(),
    tenant_id       uuid        not null references tenants (id),
    distribution_id uuid,
    email           text,
    phone           text,
    whatsapp        text,
    locale          text,
    custom          jsonb       not null default '{}'::jsonb,
    opted_out_at    timestamptz,
    created_at      timestamptz not null default now(),
    constraint recipients_tenant_id_key unique (tenant_id, id),
    constraint recipients_distribution_fkey
        foreign key (tenant_id, distribution_id) references distributions (tenant_id, id),
    constraint recipients_phone_check check (phone ~ '^\+[1-9][0-9]{1,14}$'),
    constraint recipients_whatsapp_check check (whatsapp ~ '^\+[1-9][0-9]{1,14}$')
);
create index recipients_distribution_idx on recipients (tenant_id, distribution_id);
alter table recipients enable row level security;
create policy tenant_isolation on recipients
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on recipients to funnelstream_app;
--rollback drop table recipients;

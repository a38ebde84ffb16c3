--liquibase formatted sql

--changeset funnelstream:007-distributions
--comment: A send of one survey over one or more channels, with its schedule and message template.
create table distributions (
    id           uuid        primary key default gen_random_uuid(),
    tenant_id    uuid        not null references tenants (id),
    survey_id    uuid        not null,
    name         text        not null,
    status       text        not null default 'draft',
    channels     text[]      not null default '{}',
    schedule_at  timestamptz,
    template     jsonb,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    completed_at timestamptz,
    constraint distributions_tenant_id_key unique (tenant_id, id),
    constraint distributions_survey_fkey foreign key (tenant_id, survey_id) references surveys (tenant_id, id),
    constraint distributions_status_check
        check (status in ('draft', 'scheduled', 'running', 'paused', 'cancelled', 'completed')),
    constraint distributions_channels_check check (channels <@ array['email', 'sms', 'whatsapp']::text[])
);
create index distributions_survey_idx on distributions (tenant_id, survey_id);
alter table distributions enable row level security;
create policy tenant_isolation on distributions
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on distributions to funnelstream_app;
--rollback drop table distributions;

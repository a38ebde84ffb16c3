--liquibase formatted sql

--changeset funnelstream:006-surveys
--comment: Surveys that distributions send people to.
-- unique (tenant_id, id) lets children reference a survey together with its tenant: foreign key checks
-- bypass row-level security, so a plain reference could point at another tenant's survey.
create table surveys (
    id         uuid        primary key default gen_random_uuid(),
    tenant_id  uuid        not null references tenants (id),
    title      text        not null,
    link       text        not null,
    created_at timestamptz not null default now(),
    constraint surveys_tenant_id_key unique (tenant_id, id)
);
alter table surveys enable row level security;
create policy tenant_isolation on surveys
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on surveys to funnelstream_app;
--rollback drop table surveys;

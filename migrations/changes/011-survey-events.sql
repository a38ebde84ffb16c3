--liquibase formatted sql

--changeset funnelstream:011-survey-events
--comment: The survey funnel: views, starts, progress, completions and abandonments.
-- unique (tenant_id, dedupe_key) makes a repeated beacon count once. The ids are not foreign keys: they come
-- from links in the wild and are checked by the application, never trusted to exist.
create table survey_events (
    id              bigint      generated always as identity primary key,
    tenant_id       uuid        not null references tenants (id),
    message_id      uuid,
    recipient_id    uuid,
    distribution_id uuid,
    survey_id       uuid,
    type            text        not null,
    question_index  integer,
    dedupe_key      text        not null,
    occurred_at     timestamptz not null,
    received_at     timestamptz not null,
    client          jsonb,
    is_bot          boolean     not null default false,
    constraint survey_events_dedupe_key unique (tenant_id, dedupe_key),
    constraint survey_events_type_check
        check (type in ('viewed', 'started', 'progress', 'completed', 'abandoned')),
    constraint survey_events_question_index_check check (question_index >= 0)
);
create index survey_events_funnel_idx on survey_events (tenant_id, distribution_id, type, occurred_at);
alter table survey_events enable row level security;
create policy tenant_isolation on survey_events
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on survey_events to funnelstream_app;
grant usage, select on sequence survey_events_id_seq to funnelstream_app;
--rollback drop table survey_events;

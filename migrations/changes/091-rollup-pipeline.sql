--liquibase formatted sql

--changeset funnelstream:091a-rollup-outbox
--comment: The rollup pipeline's outbox: one row per tenant and window, written in the transaction that applies the
-- window's log records and saves the positions past them, deleted once the rollup store has taken the delta. A
-- system table like event_log (spans tenants, no row-level security): only the pipeline reads it. delta is the
-- window's increments for the tenant (infra RollupDeltaJson); the window id is (log_partition, first_offset,
-- last_offset), so re-applying a row after a crash is recognised by the store.
create table rollup_outbox (
    id            bigint      generated always as identity primary key,
    tenant_id     uuid        not null,
    log_partition text        not null,
    first_offset  bigint      not null,
    last_offset   bigint      not null,
    delta         jsonb       not null,
    created_at    timestamptz not null default now(),
    constraint rollup_outbox_window_key unique (tenant_id, log_partition, first_offset),
    constraint rollup_outbox_offsets_check check (first_offset >= 0 and last_offset >= first_offset)
);
grant select, insert, delete on rollup_outbox to funnelstream_app;
grant usage, select on sequence rollup_outbox_id_seq to funnelstream_app;
--rollback drop table rollup_outbox;

--changeset funnelstream:091b-rollup-applied
--comment: Per tenant and log partition, the last offset of a window the rollup store has taken (kept when outbox
-- rows are deleted). At start, a store that holds less than this lost data (Redis restored from an older snapshot)
-- and is rebuilt. System table: written and read by the pipeline only.
create table rollup_applied (
    tenant_id     uuid        not null,
    log_partition text        not null,
    last_offset   bigint      not null,
    updated_at    timestamptz not null default now(),
    primary key (tenant_id, log_partition)
);
grant select, insert, update on rollup_applied to funnelstream_app;
--rollback drop table rollup_applied;

--changeset funnelstream:091c-pipeline-dead-letters
--comment: Log records the pipeline could not read or apply (unknown kind, damaged payload, a value the schema
-- refuses), kept with the reason so that they can be looked at and replayed; the pipeline moves past them in the
-- same transaction. System table: spans tenants, the tenant is as the log named it.
create table pipeline_dead_letters (
    id             bigint      generated always as identity primary key,
    consumer_group text        not null,
    log_partition  integer     not null,
    log_offset     bigint      not null,
    tenant_id      uuid        not null,
    kind           text        not null,
    payload        bytea       not null,
    reason         text        not null,
    created_at     timestamptz not null default now(),
    constraint pipeline_dead_letters_position_key unique (consumer_group, log_partition, log_offset)
);
grant select, insert on pipeline_dead_letters to funnelstream_app;
grant usage, select on sequence pipeline_dead_letters_id_seq to funnelstream_app;
--rollback drop table pipeline_dead_letters;

--changeset funnelstream:091d-message-failure-event
--comment: The provider event id of the failure detail kept for a message (the most serious failure; the stage is the
-- highest failure stage reached and its time that stage's first time), so the pipeline can load the exact detail.
alter table messages add column failure_event_id text;
--rollback alter table messages drop column failure_event_id;

--changeset funnelstream:091e-rollup-tenants splitStatements:false
--comment: The tenants that have messages, for the rollup start-up check and rebuild --all, which run before any
-- tenant is known. Returns ids only.
create function funnelstream_rollup_tenants()
    returns setof uuid
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select t.id from public.tenants t
    where exists (select 1 from public.messages m where m.tenant_id = t.id)
    order by t.id
$$;
revoke all on function funnelstream_rollup_tenants() from public;
grant execute on function funnelstream_rollup_tenants() to funnelstream_app;
--rollback drop function funnelstream_rollup_tenants();

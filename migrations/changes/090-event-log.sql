--liquibase formatted sql

--changeset funnelstream:090-event-log
--comment: The embedded durable event log: what a Kafka topic is in production. Spans tenants (a system table
-- like a topic, no row-level security; readers are the pipeline, not tenants). seq is the offset of the single
-- partition 0: the writer holds a transaction-scoped advisory lock while inserting, so seqs become visible in
-- order and a reader that polls "seq >= next" never skips a late commit. Identity values may have gaps.
-- payload is the record's encoding (infra LogRecordCodec), kind names it with its version.
create table event_log (
    seq         bigint      generated always as identity primary key,
    tenant_id   uuid        not null,
    kind        text        not null,
    payload     bytea       not null,
    appended_at timestamptz not null default now()
);
grant select, insert on event_log to funnelstream_app;
grant usage, select on sequence event_log_seq_seq to funnelstream_app;
--rollback drop table event_log;

--changeset funnelstream:090-event-log-positions
--comment: Where each consumer group is in the log, one row per partition (the embedded log has partition 0,
-- Kafka's topic several). next_offset is the next offset to read. The consumer writes it in the same transaction
-- as the effects of the records before it, which is what makes applying the log exactly once.
create table event_log_positions (
    consumer_group text        not null,
    log_partition  integer     not null,
    next_offset    bigint      not null,
    updated_at     timestamptz not null default now(),
    primary key (consumer_group, log_partition),
    constraint event_log_positions_range_check check (log_partition >= 0 and next_offset >= 0)
);
grant select, insert, update on event_log_positions to funnelstream_app;
--rollback drop table event_log_positions;

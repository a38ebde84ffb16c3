--liquibase formatted sql

--changeset funnelstream:020-survey-event-tallies
--comment: Survey events by message and type: the pipeline reads each message's tally (count, first, last) per batch,
-- and the inactivity timers are rebuilt from it at start.
create index survey_events_message_idx on survey_events (tenant_id, message_id, type, occurred_at)
    where not is_bot and message_id is not null;
--rollback drop index survey_events_message_idx;

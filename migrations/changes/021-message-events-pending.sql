--liquibase formatted sql

--changeset funnelstream:021-message-events-pending
--comment: Events waiting for their message, by our message id. Claiming a batch's pending events probes this small
-- index once per message; without it the planner read every event of the tenant and provider per message.
create index message_events_pending_idx on message_events (tenant_id, message_id)
    where applied_at is null and message_id is not null;
--rollback drop index message_events_pending_idx;

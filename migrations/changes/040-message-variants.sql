--liquibase formatted sql

--changeset funnelstream:040-message-variants
--comment: The experiment variant a message was sent under, on its outbox row (written by the sender once the
-- recipient's assignment is known) and on the message (written by the pipeline from the message's queued record).
-- variant_in_test is false for the remainder of a test-then-winner experiment, sent the winner: those messages
-- carry the winner's key but count in no variant's rollups, so the experiment's figures stay those of the test.
alter table send_outbox
    add column experiment_id   uuid,
    add column variant_key     text,
    add column variant_in_test boolean,
    add constraint send_outbox_variant_check
        check ((experiment_id is null) = (variant_key is null) and (variant_key is null) = (variant_in_test is null));
alter table messages
    add column experiment_id   uuid,
    add column variant_key     text,
    add column variant_in_test boolean,
    add constraint messages_variant_check
        check ((experiment_id is null) = (variant_key is null) and (variant_key is null) = (variant_in_test is null));
--rollback alter table messages drop column experiment_id, drop column variant_key, drop column variant_in_test;
--rollback alter table send_outbox drop column experiment_id, drop column variant_key, drop column variant_in_test;

--changeset funnelstream:041-unrecorded-sends-variants splitStatements:false
--comment: funnelstream_unrecorded_sends (019) also returns the variant each finished send went out under, so the
-- message's queued record carries it into the pipeline.
drop function funnelstream_unrecorded_sends(integer);
create function funnelstream_unrecorded_sends(max_rows integer)
    returns table (id uuid, tenant_id uuid, distribution_id uuid, recipient_id uuid, survey_id uuid,
                   channel text, provider text, state text, provider_message_id text, error_code text,
                   failure_reason text, created_at timestamptz, finished_at timestamptz,
                   experiment_id uuid, variant_key text, variant_in_test boolean)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select o.id, o.tenant_id, o.distribution_id, o.recipient_id, d.survey_id, o.channel, o.provider, o.state,
           o.provider_message_id, o.error_code, o.failure_reason, o.created_at, o.finished_at,
           o.experiment_id, o.variant_key, o.variant_in_test
    from public.send_outbox o
    join public.distributions d on d.tenant_id = o.tenant_id and d.id = o.distribution_id
    where not o.recorded and o.state in ('sent', 'failed')
    order by o.finished_at
    limit $1
$$;
revoke all on function funnelstream_unrecorded_sends(integer) from public;
grant execute on function funnelstream_unrecorded_sends(integer) to funnelstream_app;
--rollback drop function funnelstream_unrecorded_sends(integer);
--rollback create function funnelstream_unrecorded_sends(max_rows integer)
--rollback     returns table (id uuid, tenant_id uuid, distribution_id uuid, recipient_id uuid, survey_id uuid,
--rollback                    channel text, provider text, state text, provider_message_id text, error_code text,
--rollback                    failure_reason text, created_at timestamptz, finished_at timestamptz)
--rollback     language sql stable security definer
--rollback     set search_path = public, pg_temp
--rollback as $$
--rollback     select o.id, o.tenant_id, o.distribution_id, o.recipient_id, d.survey_id, o.channel, o.provider, o.state,
--rollback            o.provider_message_id, o.error_code, o.failure_reason, o.created_at, o.finished_at
--rollback     from public.send_outbox o
--rollback     join public.distributions d on d.tenant_id = o.tenant_id and d.id = o.distribution_id
--rollback     where not o.recorded and o.state in ('sent', 'failed')
--rollback     order by o.finished_at
--rollback     limit $1
--rollback $$;
--rollback revoke all on function funnelstream_unrecorded_sends(integer) from public;
--rollback grant execute on function funnelstream_unrecorded_sends(integer) to funnelstream_app;

--liquibase formatted sql

--changeset funnelstream:019-send-claims splitStatements:false
--comment: The sending workers' two cross-tenant reads. They run before any tenant is set, so they are SECURITY
-- DEFINER (like 012) with a pinned search_path and only the service's role may call them.
-- funnelstream_claim_sends leases up to max_rows due messages of running distributions whose schedule has come
-- (queued and due, or sending with an expired lease: its worker died) to one worker, skipping rows another worker
-- holds, and returns what is needed to render and send them, with a suppression reason when one applies.
create function funnelstream_claim_sends(worker text, at timestamptz, lease interval, max_rows integer)
    returns table (id uuid, tenant_id uuid, distribution_id uuid, recipient_id uuid, survey_id uuid,
                   channel text, address text, provider text, attempts integer, template jsonb,
                   survey_link text, locale text, custom jsonb, suppressed text, created_at timestamptz)
    language sql volatile security definer
    set search_path = public, pg_temp
as $$
    with due as (
        select o.id
        from public.send_outbox o
        join public.distributions d on d.tenant_id = o.tenant_id and d.id = o.distribution_id
        where ((o.state = 'queued' and o.next_attempt_at <= $2) or (o.state = 'sending' and o.lease_until <= $2))
          and d.status in ('running', 'scheduled') and coalesce(d.schedule_at, '-infinity') <= $2
        order by o.next_attempt_at, o.id
        limit $4
        for update of o skip locked
    ), claimed as (
        update public.send_outbox o
        set state = 'sending', lease_owner = $1, lease_until = $2 + $3, attempts = o.attempts + 1
        from due
        where o.id = due.id
        returning o.*
    )
    select c.id, c.tenant_id, c.distribution_id, c.recipient_id, d.survey_id, c.channel, c.address,
           cp.provider, c.attempts, d.template, s.link, r.locale, r.custom,
           case when r.opted_out_at is not null then 'opted_out' else sp.reason end,
           c.created_at
    from claimed c
    join public.distributions d on d.tenant_id = c.tenant_id and d.id = c.distribution_id
    join public.surveys s on s.tenant_id = d.tenant_id and s.id = d.survey_id
    join public.recipients r on r.tenant_id = c.tenant_id and r.id = c.recipient_id
    left join public.channel_providers cp on cp.tenant_id = c.tenant_id and cp.channel = c.channel
    left join public.suppressions sp
        on sp.tenant_id = c.tenant_id and sp.channel = c.channel and sp.address = c.address
$$;
revoke all on function funnelstream_claim_sends(text, timestamptz, interval, integer) from public;
grant execute on function funnelstream_claim_sends(text, timestamptz, interval, integer) to funnelstream_app;

-- funnelstream_unrecorded_sends: finished sends (sent or failed) whose outcome is not in the event log yet,
-- oldest first.
create function funnelstream_unrecorded_sends(max_rows integer)
    returns table (id uuid, tenant_id uuid, distribution_id uuid, recipient_id uuid, survey_id uuid,
                   channel text, provider text, state text, provider_message_id text, error_code text,
                   failure_reason text, created_at timestamptz, finished_at timestamptz)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select o.id, o.tenant_id, o.distribution_id, o.recipient_id, d.survey_id, o.channel, o.provider, o.state,
           o.provider_message_id, o.error_code, o.failure_reason, o.created_at, o.finished_at
    from public.send_outbox o
    join public.distributions d on d.tenant_id = o.tenant_id and d.id = o.distribution_id
    where not o.recorded and o.state in ('sent', 'failed')
    order by o.finished_at
    limit $1
$$;
revoke all on function funnelstream_unrecorded_sends(integer) from public;
grant execute on function funnelstream_unrecorded_sends(integer) to funnelstream_app;
--rollback drop function funnelstream_unrecorded_sends(integer);
--rollback drop function funnelstream_claim_sends(text, timestamptz, interval, integer);

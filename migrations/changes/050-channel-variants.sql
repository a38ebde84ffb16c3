--liquibase formatted sql

--changeset funnelstream:050-channel-variants splitStatements:false
--comment: A claimed send also says how its recipient can be reached on every channel: the recipient's email, phone
-- and WhatsApp number, the provider the tenant chose per channel, and the suppression of each of those addresses
-- (all of them when the recipient opted out). An experiment variant that sends on another channel than the one the
-- recipient was queued with needs them; the sender then writes the channel and address it used on the outbox row.
drop function funnelstream_claim_sends(text, timestamptz, interval, integer);
create function funnelstream_claim_sends(worker text, at timestamptz, lease interval, max_rows integer)
    returns table (id uuid, tenant_id uuid, distribution_id uuid, recipient_id uuid, survey_id uuid,
                   channel text, address text, provider text, attempts integer, template jsonb,
                   survey_link text, locale text, custom jsonb, suppressed text, created_at timestamptz,
                   email text, phone text, whatsapp text, providers jsonb, suppressions jsonb)
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
           c.created_at,
           r.email, r.phone, r.whatsapp,
           (select jsonb_object_agg(p.channel, p.provider) from public.channel_providers p
            where p.tenant_id = c.tenant_id),
           case when r.opted_out_at is not null
                then jsonb_build_object('email', 'opted_out', 'sms', 'opted_out', 'whatsapp', 'opted_out')
                else (select jsonb_object_agg(x.channel, x.reason) from public.suppressions x
                      where x.tenant_id = c.tenant_id
                        and ((x.channel = 'email' and x.address = r.email)
                          or (x.channel = 'sms' and x.address = r.phone)
                          or (x.channel = 'whatsapp' and x.address = r.whatsapp)))
           end
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
--rollback drop function funnelstream_claim_sends(text, timestamptz, interval, integer);
--rollback create function funnelstream_claim_sends(worker text, at timestamptz, lease interval, max_rows integer)
--rollback     returns table (id uuid, tenant_id uuid, distribution_id uuid, recipient_id uuid, survey_id uuid,
--rollback                    channel text, address text, provider text, attempts integer, template jsonb,
--rollback                    survey_link text, locale text, custom jsonb, suppressed text, created_at timestamptz)
--rollback     language sql volatile security definer
--rollback     set search_path = public, pg_temp
--rollback as $$
--rollback     with due as (
--rollback         select o.id
--rollback         from public.send_outbox o
--rollback         join public.distributions d on d.tenant_id = o.tenant_id and d.id = o.distribution_id
--rollback         where ((o.state = 'queued' and o.next_attempt_at <= $2) or (o.state = 'sending' and o.lease_until <= $2))
--rollback           and d.status in ('running', 'scheduled') and coalesce(d.schedule_at, '-infinity') <= $2
--rollback         order by o.next_attempt_at, o.id
--rollback         limit $4
--rollback         for update of o skip locked
--rollback     ), claimed as (
--rollback         update public.send_outbox o
--rollback         set state = 'sending', lease_owner = $1, lease_until = $2 + $3, attempts = o.attempts + 1
--rollback         from due
--rollback         where o.id = due.id
--rollback         returning o.*
--rollback     )
--rollback     select c.id, c.tenant_id, c.distribution_id, c.recipient_id, d.survey_id, c.channel, c.address,
--rollback            cp.provider, c.attempts, d.template, s.link, r.locale, r.custom,
--rollback            case when r.opted_out_at is not null then 'opted_out' else sp.reason end,
--rollback            c.created_at
--rollback     from claimed c
--rollback     join public.distributions d on d.tenant_id = c.tenant_id and d.id = c.distribution_id
--rollback     join public.surveys s on s.tenant_id = d.tenant_id and s.id = d.survey_id
--rollback     join public.recipients r on r.tenant_id = c.tenant_id and r.id = c.recipient_id
--rollback     left join public.channel_providers cp on cp.tenant_id = c.tenant_id and cp.channel = c.channel
--rollback     left join public.suppressions sp
--rollback         on sp.tenant_id = c.tenant_id and sp.channel = c.channel and sp.address = c.address
--rollback $$;
--rollback revoke all on function funnelstream_claim_sends(text, timestamptz, interval, integer) from public;
--rollback grant execute on function funnelstream_claim_sends(text, timestamptz, interval, integer) to funnelstream_app;

--liquibase formatted sql

--changeset funnelstream:018-suppressions splitStatements:false
--comment: Addresses a tenant no longer sends to on a channel: hard bounces, spam complaints and unsubscribes,
-- fed by a trigger from the lifecycle of the messages the outbox sent (the pipeline writes messages as the tenant,
-- so the trigger runs under the same row-level security). Opt-outs stay on recipients.opted_out_at.
create table suppressions (
    tenant_id  uuid        not null references tenants (id),
    channel    text        not null,
    address    text        not null,
    reason     text        not null,
    message_id uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, channel, address),
    constraint suppressions_channel_check check (channel in ('email', 'sms', 'whatsapp')),
    constraint suppressions_reason_check check (reason in ('hard_bounce', 'complaint', 'unsubscribed', 'manual'))
);
alter table suppressions enable row level security;
create policy tenant_isolation on suppressions
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on suppressions to funnelstream_app;

create function funnelstream_suppress_from_message() returns trigger
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    insert into suppressions (tenant_id, channel, address, reason, message_id)
    select new.tenant_id, new.channel, o.address,
           case when new.spam_reported_at is not null then 'complaint'
                when new.unsubscribed_at is not null then 'unsubscribed'
                else 'hard_bounce' end,
           new.id
    from send_outbox o
    where o.tenant_id = new.tenant_id and o.id = new.id
    on conflict do nothing;
    return null;
end
$$;
create trigger messages_suppress after insert or update on messages
    for each row
    when (new.spam_reported_at is not null or new.unsubscribed_at is not null
          or (new.bounced_at is not null and coalesce(new.bounce_class, 'hard') = 'hard'))
    execute function funnelstream_suppress_from_message();
--rollback drop trigger messages_suppress on messages;
--rollback drop function funnelstream_suppress_from_message();
--rollback drop table suppressions;

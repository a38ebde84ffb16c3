--liquibase formatted sql

--changeset funnelstream:013-resolve-webhook-key splitStatements:false
--comment: Webhook key (from a provider callback URL) -> tenant, before any tenant is set.
create function funnelstream_resolve_webhook_key(webhook_key text)
    returns uuid
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select t.id from public.tenants t where t.webhook_key = $1
$$;
revoke all on function funnelstream_resolve_webhook_key(text) from public;
grant execute on function funnelstream_resolve_webhook_key(text) to funnelstream_app;
--rollback drop function funnelstream_resolve_webhook_key(text);

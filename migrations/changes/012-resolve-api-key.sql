--liquibase formatted sql

--changeset funnelstream:012-resolve-api-key splitStatements:false
--comment: API key -> tenant before any tenant is set: an exact lookup by hash, live keys only.
-- SECURITY DEFINER runs as the owner, who is not subject to the policies; search_path is pinned so nobody
-- can slip in look-alike objects, and only the service's role may call it.
create function funnelstream_resolve_api_key(key_hash bytea)
    returns table (api_key_id uuid, tenant_id uuid, role text)
    language sql stable security definer
    set search_path = public, pg_temp
as $$
    select k.id, k.tenant_id, k.role
    from public.api_keys k
    where k.key_hash = $1 and k.revoked_at is null
$$;
revoke all on function funnelstream_resolve_api_key(bytea) from public;
grant execute on function funnelstream_resolve_api_key(bytea) to funnelstream_app;
--rollback drop function funnelstream_resolve_api_key(bytea);

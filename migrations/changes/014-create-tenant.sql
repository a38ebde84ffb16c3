--liquibase formatted sql

--changeset funnelstream:014-create-tenant splitStatements:false
--comment: Tenant bootstrap: no tenant can be set for a row that does not exist yet, so this runs as the owner.
-- The webhook key is 244 random bits: two version-4 UUIDs from the server's strong random source, as hex.
create function funnelstream_create_tenant(slug text, name text)
    returns uuid
    language sql volatile security definer
    set search_path = public, pg_temp
as $$
    insert into public.tenants (slug, name, webhook_key)
    values ($1, $2, 'whk_' || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''))
    returning id
$$;
revoke all on function funnelstream_create_tenant(text, text) from public;
grant execute on function funnelstream_create_tenant(text, text) to funnelstream_app;
--rollback drop function funnelstream_create_tenant(text, text);

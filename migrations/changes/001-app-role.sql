--liquibase formatted sql

--changeset funnelstream:001-app-role splitStatements:false
--comment: The login role the service runs as: not the table owner, no superuser, no RLS bypass.
-- Roles are cluster-wide and many databases (one per test class) share a server, so creation is idempotent
-- and tolerates a concurrent creator. No password here: operators set one (or use trust/cert auth).
-- A pre-existing role that could bypass row-level security is refused rather than silently trusted.
do $$
begin
    if not exists (select 1 from pg_catalog.pg_roles where rolname = 'funnelstream_app') then
        begin
            create role funnelstream_app login nosuperuser nobypassrls nocreatedb nocreaterole;
        exception
            when duplicate_object or unique_violation then null;
        end;
    end if;
    if exists (select 1 from pg_catalog.pg_roles
               where rolname = 'funnelstream_app' and (rolsuper or rolbypassrls)) then
        raise exception 'role funnelstream_app exists but is a superuser or bypasses row-level security';
    end if;
end
$$;
-- The role stays: other databases on the same server may depend on it, and it owns nothing here.
--rollback empty

--liquibase formatted sql

--changeset funnelstream:002-app-schema-usage
--comment: The service may look up objects in the schema; each table grants its own privileges.
grant usage on schema public to funnelstream_app;
--rollback revoke usage on schema public from funnelstream_app;

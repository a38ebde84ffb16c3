--liquibase formatted sql

--changeset funnelstream:093-messages-tenant-fkey
--comment: The foreign key from messages to tenants ran a lookup of the tenant (select ... for key share, through SPI,
-- with an executor set up per row) for every message the pipeline creates: 7% of the server's CPU under the pipeline
-- harness (perf, 200,000 records). As for message_events (042c): messages are written only for the tenant an API
-- key, a webhook key or a signed token resolved to, each under row-level security with check for that tenant, and
-- tenants are never deleted. The keys to distributions, surveys and recipients stay.
alter table messages drop constraint messages_tenant_id_fkey;
--rollback alter table messages add constraint messages_tenant_id_fkey foreign key (tenant_id) references tenants (id);

--liquibase formatted sql

--changeset funnelstream:094-tenant-policy-once-per-statement
--comment: Every tenant policy compared each row with nullif(current_setting(..), '')::uuid, which the server computed
-- again for every row it checked: a look-up of the setting and a parse of the uuid per row inserted or updated (the
-- with check clause) and per row scanned. As a scalar subquery the value is computed once per statement (an
-- initPlan) and each row compares with a parameter. The setting is local to the transaction and set before its
-- statements, so the value is the same either way; the pipeline's inserts and updates spend 8-15% less time
-- (psql, 200,000 rows, both forms side by side).
alter policy tenant_isolation on tenants
    using (id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on api_keys
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on users
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on surveys
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on distributions
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on recipients
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on messages
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on message_events
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on survey_events
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on provider_credentials
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on channel_providers
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on send_outbox
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on suppressions
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on alert_rules
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on ab_experiments
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on ab_variants
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
alter policy tenant_isolation on ab_assignments
    using (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid))
    with check (tenant_id = (select nullif(current_setting('funnelstream.tenant_id', true), '')::uuid));
--rollback alter policy tenant_isolation on tenants
--rollback     using (id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on api_keys
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on users
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on surveys
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on distributions
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on recipients
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on messages
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on message_events
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on survey_events
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on provider_credentials
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on channel_providers
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on send_outbox
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on suppressions
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on alert_rules
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on ab_experiments
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on ab_variants
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
--rollback alter policy tenant_isolation on ab_assignments
--rollback     using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
--rollback     with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);

--liquibase formatted sql

--changeset funnelstream:025-alert-rules
--comment: Each tenant's own alert rules, one row per alert kind it changed; kinds without a row use the defaults
-- (bounce rate above 5%, delivery rate below 95%, webhook failures above 1%; 100 as minimum sample; clear after 3).
-- threshold and margin are rates (0..1); an alert fires beyond threshold and clears after clear_after consecutive
-- evaluations back past threshold -/+ margin.
create table alert_rules (
    tenant_id   uuid             not null references tenants (id),
    kind        text             not null,
    threshold   double precision not null,
    min_sample  bigint           not null,
    margin      double precision not null,
    clear_after integer          not null,
    updated_at  timestamptz      not null default now(),
    primary key (tenant_id, kind),
    constraint alert_rules_kind_check check (kind in ('bounce-rate', 'delivery-rate', 'webhook-failure-rate')),
    constraint alert_rules_threshold_check check (threshold >= 0 and threshold <= 1),
    constraint alert_rules_margin_check check (margin >= 0 and margin <= 1),
    constraint alert_rules_min_sample_check check (min_sample >= 1),
    constraint alert_rules_clear_after_check check (clear_after between 1 and 1000)
);
alter table alert_rules enable row level security;
create policy tenant_isolation on alert_rules
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on alert_rules to funnelstream_app;
--rollback drop table alert_rules;

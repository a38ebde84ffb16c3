--liquibase formatted sql

--changeset funnelstream:030-ab-experiments
--comment: A/B experiments on a distribution: the primary metric, error rates, maximum sample and the
-- test-then-winner settings. winner is written once (sequential decision, no-difference stop or deadline).
create table ab_experiments (
    id                  uuid             primary key default gen_random_uuid(),
    tenant_id           uuid             not null references tenants (id),
    distribution_id     uuid             not null,
    name                text             not null,
    status              text             not null default 'draft',
    metric              text             not null,
    alpha               double precision not null default 0.05,
    power               double precision not null default 0.8,
    min_detectable_effect double precision not null,
    max_sample_per_arm  bigint           not null,
    test_share          double precision not null default 1,
    deadline            timestamptz,
    winner_variant      text,
    winner_reason       text,
    created_at          timestamptz      not null default now(),
    started_at          timestamptz,
    stopped_at          timestamptz,
    constraint ab_experiments_tenant_id_key unique (tenant_id, id),
    constraint ab_experiments_distribution_fkey
        foreign key (tenant_id, distribution_id) references distributions (tenant_id, id),
    constraint ab_experiments_status_check check (status in ('draft', 'running', 'paused', 'stopped')),
    constraint ab_experiments_metric_check check (metric in ('delivery', 'view', 'start', 'response')),
    constraint ab_experiments_alpha_check check (alpha > 0 and alpha < 0.5),
    constraint ab_experiments_power_check check (power > 0 and power < 1),
    constraint ab_experiments_effect_check check (min_detectable_effect > 0 and min_detectable_effect < 1),
    constraint ab_experiments_sample_check check (max_sample_per_arm >= 100),
    constraint ab_experiments_share_check check (test_share > 0 and test_share <= 1),
    constraint ab_experiments_winner_check
        check ((winner_variant is null) = (winner_reason is null)
            and winner_reason in ('sequential', 'no_difference', 'deadline'))
);
create index ab_experiments_distribution_idx on ab_experiments (tenant_id, distribution_id, created_at);
alter table ab_experiments enable row level security;
create policy tenant_isolation on ab_experiments
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on ab_experiments to funnelstream_app;
--rollback drop table ab_experiments;

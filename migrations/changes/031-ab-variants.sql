--liquibase formatted sql

--changeset funnelstream:031-ab-variants
--comment: The variants of an experiment in order (position 0 is the control), with their weights and what each
-- changes (template, subject, channel, send time) as a JSON object of strings.
create table ab_variants (
    tenant_id     uuid             not null references tenants (id),
    experiment_id uuid             not null,
    key           text             not null,
    position      integer          not null,
    weight        double precision not null,
    settings      jsonb            not null default '{}'::jsonb,
    constraint ab_variants_pkey primary key (tenant_id, experiment_id, key),
    constraint ab_variants_position_key unique (tenant_id, experiment_id, position),
    constraint ab_variants_experiment_fkey
        foreign key (tenant_id, experiment_id) references ab_experiments (tenant_id, id) on delete cascade,
    constraint ab_variants_key_check check (key ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    constraint ab_variants_weight_check check (weight > 0 and weight <= 1),
    constraint ab_variants_position_check check (position >= 0)
);
alter table ab_variants enable row level security;
create policy tenant_isolation on ab_variants
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on ab_variants to funnelstream_app;
--rollback drop table ab_variants;

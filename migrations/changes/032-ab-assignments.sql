--liquibase formatted sql

--changeset funnelstream:032-ab-assignments
--comment: Every recipient's variant, recorded the first time it is asked for and never changed. in_test is
-- false for the remainder of a test-then-winner experiment, who get the winner and stay out of the statistics.
-- recipient_id is not a foreign key: assignment may come before the recipient row is written.
create table ab_assignments (
    tenant_id     uuid        not null references tenants (id),
    experiment_id uuid        not null,
    recipient_id  uuid        not null,
    variant_key   text        not null,
    in_test       boolean     not null,
    assigned_at   timestamptz not null default now(),
    constraint ab_assignments_pkey primary key (tenant_id, experiment_id, recipient_id),
    constraint ab_assignments_variant_fkey foreign key (tenant_id, experiment_id, variant_key)
        references ab_variants (tenant_id, experiment_id, key) on delete cascade
);
create index ab_assignments_variant_idx on ab_assignments (tenant_id, experiment_id, in_test, variant_key);
alter table ab_assignments enable row level security;
create policy tenant_isolation on ab_assignments
    using (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('funnelstream.tenant_id', true), '')::uuid);
grant select, insert, update, delete on ab_assignments to funnelstream_app;
--rollback drop table ab_assignments;

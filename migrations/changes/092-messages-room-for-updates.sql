--liquibase formatted sql

--changeset funnelstream:092-messages-fillfactor-50
--comment: At fillfactor 70 a page of messages keeps room for about 9 new row versions beside its 22 rows, while the
-- pipeline updates nearly every message within seconds of creating it (sent, then delivered, ...), before the old
-- versions can be pruned: 57% of its updates found no room on the row's page and wrote a new version elsewhere, with
-- an entry in each of the five indexes (pg_stat_user_tables, 200,000 records through the pipeline harness). At 50,
-- a page keeps about one free slot per row. Applies to pages written from now on.
alter table messages set (fillfactor = 50);
--rollback alter table messages set (fillfactor = 70);

--liquibase formatted sql

--changeset platform:001-platform-probe
create table platform_probe (id int primary key, note text not null);
insert into platform_probe values (1, 'migrated');
--rollback drop table platform_probe;

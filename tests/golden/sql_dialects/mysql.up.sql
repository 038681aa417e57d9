-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `items` (
    `id` bigint NOT NULL,
    `name` longtext,
    `first` longtext,
    CONSTRAINT `items_pkey` PRIMARY KEY (`id`)
);

-- 0002_data_fix: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
update items set first = substring_index(name, ',', 1) where name like '%,%';

-- 0003_helpers: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
create table audit_log (id integer, note varchar(20)) engine = InnoDB;
create index items_name_prefix on items (name(10));
[exit 0]

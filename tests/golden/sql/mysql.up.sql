-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `counters` (
    `id` int NOT NULL AUTO_INCREMENT,
    `n` int NOT NULL DEFAULT 0,
    CONSTRAINT `counters_pkey` PRIMARY KEY (`id`)
);

-- 0002_sql_down: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
insert into counters (n) values (1);

-- 0003_blocks: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `counters` ADD COLUMN `label` longtext;
update counters set label = 'counted' where n > 0;

-- 0004_irreversible: up, irreversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
delete from counters where n > 100;
[exit 0]

-- 0003_drop: down, reversible
-- may fail on data: set not null on column tasks.done fails once a null was written
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `tasks` MODIFY COLUMN `done` tinyint(1) NOT NULL DEFAULT 0;

-- 0002_set: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `tasks` MODIFY COLUMN `title` longtext;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `tasks`;
[exit 0]

-- 0002_rename: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `group by` RENAME TO `select`;
ALTER TABLE `select` RENAME COLUMN `order` TO `Mixed Case`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `select` DROP INDEX `idx "q"`;
DROP TABLE `select`;
[exit 0]

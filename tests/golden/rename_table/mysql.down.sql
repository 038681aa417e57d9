-- 0002_rename: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `persons` RENAME TO `people`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` DROP INDEX `people_name_idx`;
DROP TABLE `people`;
[exit 0]

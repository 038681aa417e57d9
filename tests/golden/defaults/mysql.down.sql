-- 0003_drop: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `settings` MODIFY COLUMN `theme` longtext DEFAULT ('dark');

-- 0002_set: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `settings` MODIFY COLUMN `theme` longtext DEFAULT ('light');
ALTER TABLE `settings` MODIFY COLUMN `size` int;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `settings`;
[exit 0]

-- 0004_drop: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` ADD COLUMN `shout` longtext GENERATED ALWAYS AS (upper(label)) STORED;

-- 0003_rename: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` RENAME COLUMN `quantity` TO `qty`;

-- 0002_add: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` DROP COLUMN `shout`;
ALTER TABLE `items` DROP COLUMN `label`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `tags`;
DROP TABLE `items`;
[exit 0]

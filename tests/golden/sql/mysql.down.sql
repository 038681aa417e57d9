-- 0004_irreversible: down, irreversible
-- irreversible: this migration cannot be rolled back

-- 0003_blocks: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `counters` DROP COLUMN `label`;

-- 0002_sql_down: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
delete from counters where n = 1;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `counters`;
[exit 0]

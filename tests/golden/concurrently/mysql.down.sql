-- 0002_index: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- no transaction: each statement runs on its own
ALTER TABLE `logs` DROP INDEX `logs_line_idx`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `logs`;
[exit 0]

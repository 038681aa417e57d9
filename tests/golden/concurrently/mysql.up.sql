-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `logs` (
    `id` int NOT NULL AUTO_INCREMENT,
    `line` longtext,
    CONSTRAINT `logs_pkey` PRIMARY KEY (`id`)
);

-- 0002_index: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- no transaction: each statement runs on its own
ALTER TABLE `logs` ADD INDEX `logs_line_idx` (`line`(255));
[exit 0]

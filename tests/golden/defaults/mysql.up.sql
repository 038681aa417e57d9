-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `settings` (
    `id` int NOT NULL AUTO_INCREMENT,
    `theme` longtext DEFAULT ('light'),
    `size` int,
    CONSTRAINT `settings_pkey` PRIMARY KEY (`id`)
);

-- 0002_set: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `settings` MODIFY COLUMN `size` int DEFAULT 12;
ALTER TABLE `settings` MODIFY COLUMN `theme` longtext DEFAULT ('dark');

-- 0003_drop: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `settings` MODIFY COLUMN `theme` longtext;
[exit 0]

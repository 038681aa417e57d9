-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `tasks` (
    `id` int NOT NULL AUTO_INCREMENT,
    `title` longtext,
    `done` tinyint(1) NOT NULL DEFAULT 0,
    CONSTRAINT `tasks_pkey` PRIMARY KEY (`id`)
);

-- 0002_set: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `tasks` MODIFY COLUMN `title` longtext NOT NULL;

-- 0003_drop: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `tasks` MODIFY COLUMN `done` tinyint(1) DEFAULT 0;
[exit 0]

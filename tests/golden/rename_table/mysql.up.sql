-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `people` (
    `id` int NOT NULL AUTO_INCREMENT,
    `name` longtext,
    CONSTRAINT `people_pkey` PRIMARY KEY (`id`)
);
ALTER TABLE `people` ADD INDEX `people_name_idx` (`name`(255));

-- 0002_rename: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` RENAME TO `persons`;
[exit 0]

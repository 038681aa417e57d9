-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `comments` (
    `id` int NOT NULL AUTO_INCREMENT,
    `contents` longtext NOT NULL,
    CONSTRAINT `comments_pkey` PRIMARY KEY (`id`)
);
ALTER TABLE `comments` ADD INDEX `comments_contents_idx` (`contents`(255));

-- 0002_rename: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `comments` RENAME COLUMN `contents` TO `body`;
[exit 0]

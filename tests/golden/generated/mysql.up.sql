-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `items` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `price_cents` int NOT NULL,
    `qty` int NOT NULL DEFAULT 1,
    `total_cents` int GENERATED ALWAYS AS (price_cents * qty) STORED,
    CONSTRAINT `items_pkey` PRIMARY KEY (`id`)
);
CREATE TABLE `tags` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `label` longtext NOT NULL,
    CONSTRAINT `tags_pkey` PRIMARY KEY (`id`)
);

-- 0002_add: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` ADD COLUMN `label` longtext;
ALTER TABLE `items` ADD COLUMN `shout` longtext GENERATED ALWAYS AS (upper(label)) STORED;

-- 0003_rename: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` RENAME COLUMN `qty` TO `quantity`;

-- 0004_drop: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` DROP COLUMN `shout`;
[exit 0]

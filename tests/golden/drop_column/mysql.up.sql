-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `items` (
    `id` int NOT NULL AUTO_INCREMENT,
    `sku` varchar(20) NOT NULL,
    `price` decimal(10,2) NOT NULL DEFAULT 0,
    `label` longtext,
    `weight` float DEFAULT 1.0,
    CONSTRAINT `items_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `items_sku_key` UNIQUE (`sku`),
    CONSTRAINT `items_price_check` CHECK (price >= 0)
);
ALTER TABLE `items` ADD INDEX `items_label_idx` (`label`(255));
ALTER TABLE `items` ADD INDEX `items_label_weight_idx` (`label`(255), `weight`);

-- 0002_drop: up, lossy
-- lossy: the down cannot bring back the values of column items.label; values of column items.price; values of column items.sku
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` DROP INDEX `items_label_idx`;
ALTER TABLE `items` DROP INDEX `items_label_weight_idx`;
ALTER TABLE `items` DROP COLUMN `label`;
ALTER TABLE `items` DROP CONSTRAINT `items_price_check`;
ALTER TABLE `items` DROP COLUMN `price`;
ALTER TABLE `items` DROP INDEX `items_sku_key`;
ALTER TABLE `items` DROP COLUMN `sku`;
[exit 0]

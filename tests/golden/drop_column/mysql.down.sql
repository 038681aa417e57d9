-- 0002_drop: down, lossy
-- lossy: the down cannot bring back the values of column items.label; values of column items.price; values of column items.sku
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` ADD COLUMN `sku` varchar(20);
UPDATE `items` SET `sku` = (id);
ALTER TABLE `items` MODIFY COLUMN `sku` varchar(20) NOT NULL;
ALTER TABLE `items` ADD CONSTRAINT `items_sku_key` UNIQUE (`sku`);
ALTER TABLE `items` ADD COLUMN `price` decimal(10,2) NOT NULL DEFAULT 0;
ALTER TABLE `items` ADD CONSTRAINT `items_price_check` CHECK (price >= 0);
ALTER TABLE `items` ADD COLUMN `label` longtext;
ALTER TABLE `items` ADD INDEX `items_label_idx` (`label`(255));
ALTER TABLE `items` ADD INDEX `items_label_weight_idx` (`label`(255), `weight`);

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `items` DROP INDEX `items_label_weight_idx`;
ALTER TABLE `items` DROP INDEX `items_label_idx`;
DROP TABLE `items`;
[exit 0]

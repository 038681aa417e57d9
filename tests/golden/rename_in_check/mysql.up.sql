-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `products` (
    `id` int NOT NULL AUTO_INCREMENT,
    `price` decimal(10,2) NOT NULL,
    `discount` decimal(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT `products_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `products_price_check` CHECK (price >= 0),
    CONSTRAINT `products_discount_le_price` CHECK (discount <= Price and discount >= 0)
);
-- mysql has no partial indexes: products_expensive covers every row
ALTER TABLE `products` ADD INDEX `products_expensive` (`id`);

-- 0002_rename: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `products` RENAME COLUMN `price` TO `list_price`;

-- 0003_drop: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `products` DROP CONSTRAINT `products_discount_le_price`;
ALTER TABLE `products` DROP INDEX `products_expensive`;
[exit 0]

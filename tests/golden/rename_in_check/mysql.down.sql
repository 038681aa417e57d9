-- 0003_drop: down, reversible
-- may fail on data: adding check products_discount_le_price back fails on rows written meanwhile that break it
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql has no partial indexes: products_expensive covers every row
ALTER TABLE `products` ADD INDEX `products_expensive` (`id`);
ALTER TABLE `products` ADD CONSTRAINT `products_discount_le_price` CHECK (discount <= list_price and discount >= 0);

-- 0002_rename: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `products` RENAME COLUMN `list_price` TO `price`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `products` DROP INDEX `products_expensive`;
DROP TABLE `products`;
[exit 0]

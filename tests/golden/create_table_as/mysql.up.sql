-- 0001_tables: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `orders` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `customer` longtext NOT NULL,
    `total` decimal(10,2),
    CONSTRAINT `orders_pkey` PRIMARY KEY (`id`)
);

-- 0002_as: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `customer_totals` (
    `customer` varchar(100) NOT NULL,
    `total` decimal(12,2) NOT NULL DEFAULT 0,
    `orders` int NOT NULL,
    CONSTRAINT `customer_totals_pkey` PRIMARY KEY (`customer`)
);
INSERT INTO `customer_totals` (`customer`, `total`, `orders`)
select customer, coalesce(sum(total), 0), count(*) from orders group by customer;
[exit 0]

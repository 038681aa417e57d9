-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `metrics` (
    `id` int NOT NULL AUTO_INCREMENT,
    `hits` int NOT NULL DEFAULT 0,
    `name` varchar(50),
    `code` longtext,
    `value` bigint,
    CONSTRAINT `metrics_pkey` PRIMARY KEY (`id`)
);

-- 0002_widen: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `metrics` MODIFY COLUMN `hits` bigint NOT NULL DEFAULT 0;
ALTER TABLE `metrics` MODIFY COLUMN `name` varchar(100);

-- 0003_narrow: up, lossy
-- lossy: the down cannot bring back the values of column metrics.value as they were before the change to integer; values of column metrics.code as they were before the change to varchar(10)
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `metrics` MODIFY COLUMN `value` int;
ALTER TABLE `metrics` MODIFY COLUMN `code` varchar(10);
[exit 0]

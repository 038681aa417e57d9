-- 0003_narrow: down, lossy
-- lossy: the down cannot bring back the values of column metrics.value as they were before the change to integer; values of column metrics.code as they were before the change to varchar(10)
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `metrics` MODIFY COLUMN `code` longtext;
ALTER TABLE `metrics` MODIFY COLUMN `value` bigint;

-- 0002_widen: down, reversible
-- may fail on data: changing column metrics.hits back from bigint to integer fails on values written meanwhile that integer does not hold; changing column metrics.name back from varchar(100) to varchar(50) fails on values written meanwhile that varchar(50) does not hold
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `metrics` MODIFY COLUMN `name` varchar(50);
ALTER TABLE `metrics` MODIFY COLUMN `hits` int NOT NULL DEFAULT 0;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `metrics`;
[exit 0]

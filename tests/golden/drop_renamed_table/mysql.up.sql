-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `a` (
    `id` int NOT NULL AUTO_INCREMENT,
    `n` longtext,
    CONSTRAINT `a_pkey` PRIMARY KEY (`id`)
);

-- 0002_rename: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `a` RENAME TO `b`;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the rows of table b
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `b`;
[exit 0]

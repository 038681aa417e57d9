-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the rows of table b
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `b` (
    `id` int NOT NULL AUTO_INCREMENT,
    `n` longtext,
    CONSTRAINT `a_pkey` PRIMARY KEY (`id`)
);
-- mysql: no sequences: rename sequence b_id_seq has nothing to do

-- 0002_rename: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `b` RENAME TO `a`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `a`;
[exit 0]

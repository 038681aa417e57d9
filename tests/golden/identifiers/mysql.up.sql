-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `select` (
    `from` int NOT NULL,
    `Mixed Case` longtext,
    `quo"te` longtext DEFAULT ('it''s'),
    `back``tick` longtext,
    `naïve café` longtext,
    `tab` longtext DEFAULT (''';drop table x;--'),
    `slash\` longtext DEFAULT ('a\\b'),
    CONSTRAINT `select_pkey` PRIMARY KEY (`from`)
);
ALTER TABLE `select` ADD INDEX `idx "q"` (`Mixed Case`(255));

-- 0002_rename: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `select` RENAME COLUMN `Mixed Case` TO `order`;
ALTER TABLE `select` RENAME TO `group by`;
[exit 0]

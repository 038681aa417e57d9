-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `prefs` (
    `id` bigint NOT NULL,
    `theme` varchar(20) DEFAULT (CAST('darkly' AS CHAR)),
    `n` int DEFAULT (CAST('42' AS SIGNED)),
    `price` decimal(10,2) DEFAULT (CAST('1.50' AS DECIMAL(10,2))),
    `day` date DEFAULT (CAST('2020-01-02' AS DATE)),
    `label` longtext DEFAULT (upper(CAST('abc' AS CHAR(3)))),
    `at` datetime(6) DEFAULT (CAST('2020-01-01 10:00' AS DATETIME(6))),
    `v` longtext DEFAULT (CAST(CAST((1.5) AS DOUBLE) AS CHAR)),
    CONSTRAINT `prefs_pkey` PRIMARY KEY (`id`)
);
ALTER TABLE `prefs` MODIFY COLUMN `n` int DEFAULT (CAST(7 AS SIGNED));

-- 0002_defaults: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `prefs` MODIFY COLUMN `theme` varchar(20) DEFAULT (CAST('lightly' AS CHAR));
ALTER TABLE `prefs` MODIFY COLUMN `price` decimal(10,2);
ALTER TABLE `prefs` ADD COLUMN `flag` tinyint(1) NOT NULL DEFAULT (CAST('true' AS SIGNED));
ALTER TABLE `prefs` ADD COLUMN `code` char(3) DEFAULT (coalesce(CAST(null AS CHAR(3)), CAST('abc' AS CHAR(3))));
[exit 0]

-- 0002_defaults: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `prefs` DROP COLUMN `code`;
ALTER TABLE `prefs` DROP COLUMN `flag`;
ALTER TABLE `prefs` MODIFY COLUMN `price` decimal(10,2) DEFAULT (CAST('1.50' AS DECIMAL(10,2)));
ALTER TABLE `prefs` MODIFY COLUMN `theme` varchar(20) DEFAULT (CAST('darkly' AS CHAR));

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `prefs` MODIFY COLUMN `n` int DEFAULT (CAST('42' AS SIGNED));
DROP TABLE `prefs`;
[exit 0]

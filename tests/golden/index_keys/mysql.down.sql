-- 0004_fk_served: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `accounts` DROP FOREIGN KEY `accounts_owner_fk`;
ALTER TABLE `accounts` DROP INDEX `accounts_owner_recent`;
ALTER TABLE `accounts` DROP COLUMN `owner_id`;
DROP TABLE `owners`;

-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the values of column accounts.created
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `accounts` ADD COLUMN `created` datetime(6);
ALTER TABLE `accounts` ADD INDEX `accounts_created_idx` (`created` DESC);
-- mysql has no partial indexes: accounts_score_name covers every row
ALTER TABLE `accounts` ADD INDEX `accounts_score_name` (`score` DESC, `name` ASC);

-- 0002_indexes: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `accounts` DROP INDEX `accounts_score_name`;
ALTER TABLE `accounts` DROP INDEX `accounts_created_idx`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `accounts`;
[exit 0]

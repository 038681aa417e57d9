-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `accounts` (
    `id` bigint NOT NULL,
    `email` longtext NOT NULL,
    `name` varchar(100),
    `created` datetime(6),
    `score` int,
    CONSTRAINT `accounts_pkey` PRIMARY KEY (`id`)
);

-- 0002_indexes: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `accounts` ADD INDEX `accounts_created_idx` (`created` DESC);
-- mysql has no partial indexes: accounts_score_name covers every row
ALTER TABLE `accounts` ADD INDEX `accounts_score_name` (`score` DESC, `name` ASC);

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the values of column accounts.created
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `accounts` DROP INDEX `accounts_score_name`;
ALTER TABLE `accounts` DROP INDEX `accounts_created_idx`;
ALTER TABLE `accounts` DROP COLUMN `created`;

-- 0004_fk_served: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `owners` (
    `id` bigint NOT NULL,
    CONSTRAINT `owners_pkey` PRIMARY KEY (`id`)
);
ALTER TABLE `accounts` ADD COLUMN `owner_id` bigint;
ALTER TABLE `accounts` ADD INDEX `accounts_owner_recent` (`owner_id`, `score` DESC);
ALTER TABLE `accounts` ADD CONSTRAINT `accounts_owner_fk` FOREIGN KEY (`owner_id`) REFERENCES `owners` (`id`);
[exit 0]

-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `events` (
    `id` int NOT NULL AUTO_INCREMENT,
    `kind` longtext NOT NULL,
    `at` datetime(6),
    `user_id` int,
    CONSTRAINT `events_pkey` PRIMARY KEY (`id`)
);

-- 0002_index: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `events` ADD INDEX `events_kind_idx` (`kind`(255));
ALTER TABLE `events` ADD UNIQUE INDEX `events_user_id_at_key` (`user_id`, `at`);
-- mysql has no partial indexes: events_recent_idx covers every row
ALTER TABLE `events` ADD INDEX `events_recent_idx` (`at`);

-- 0003_drop_index: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `events` DROP INDEX `events_recent_idx`;
ALTER TABLE `events` DROP INDEX `events_kind_idx`;
[exit 0]

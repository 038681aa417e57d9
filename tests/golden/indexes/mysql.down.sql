-- 0003_drop_index: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `events` ADD INDEX `events_kind_idx` (`kind`(255));
-- mysql has no partial indexes: events_recent_idx covers every row
ALTER TABLE `events` ADD INDEX `events_recent_idx` (`at`);

-- 0002_index: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `events` DROP INDEX `events_recent_idx`;
ALTER TABLE `events` DROP INDEX `events_user_id_at_key`;
ALTER TABLE `events` DROP INDEX `events_kind_idx`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `events`;
[exit 0]

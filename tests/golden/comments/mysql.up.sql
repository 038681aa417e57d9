-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `notes` (
    `id` bigint NOT NULL,
    `body` longtext,
    CONSTRAINT `notes_pkey` PRIMARY KEY (`id`)
);
ALTER TABLE `notes` COMMENT = 'Free text notes';
ALTER TABLE `notes` MODIFY COLUMN `body` longtext COMMENT 'What the user wrote, O''Brien''s too';

-- 0002_change: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `notes` MODIFY COLUMN `body` longtext COMMENT 'The text';
ALTER TABLE `notes` COMMENT = '';

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the values of column notes.body
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `notes` DROP COLUMN `body`;
[exit 0]

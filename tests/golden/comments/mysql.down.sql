-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the values of column notes.body
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `notes` ADD COLUMN `body` longtext;
ALTER TABLE `notes` MODIFY COLUMN `body` longtext COMMENT 'The text';

-- 0002_change: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `notes` COMMENT = 'Free text notes';
ALTER TABLE `notes` MODIFY COLUMN `body` longtext COMMENT 'What the user wrote, O''Brien''s too';

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `notes` MODIFY COLUMN `body` longtext;
ALTER TABLE `notes` COMMENT = '';
DROP TABLE `notes`;
[exit 0]

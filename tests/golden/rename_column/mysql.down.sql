-- 0002_rename: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `comments` RENAME COLUMN `body` TO `contents`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `comments` DROP INDEX `comments_contents_idx`;
DROP TABLE `comments`;
[exit 0]

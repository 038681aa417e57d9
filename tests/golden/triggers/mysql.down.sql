-- 0006_drop_function: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: function log_post() is written into each trigger that uses it

-- 0005_drop_table: down, lossy
-- lossy: the down cannot bring back the rows of table posts
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `posts` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `title` longtext NOT NULL,
    CONSTRAINT `posts_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `posts_title_present` CHECK (length(title) > 0)
);
CREATE TRIGGER `posts_log` AFTER INSERT ON `posts` FOR EACH ROW
insert into post_events (post_id, kind) values (new.id, 'made');

-- 0004_replace: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: function log_post() is written into each trigger that uses it
DROP TRIGGER `posts_log`;
CREATE TRIGGER `posts_log` AFTER INSERT ON `posts` FOR EACH ROW
insert into post_events (post_id, kind) values (new.id, 'created');

-- 0003_rebuild: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` DROP CONSTRAINT `posts_title_present`;

-- 0002_log_function: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TRIGGER `posts_log`;
-- mysql: function log_post() was written into its triggers

-- 0001_tables: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `post_events`;
DROP TABLE `posts`;
[exit 0]

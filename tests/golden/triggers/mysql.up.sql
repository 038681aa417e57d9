-- 0001_tables: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `posts` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `title` longtext NOT NULL,
    CONSTRAINT `posts_pkey` PRIMARY KEY (`id`)
);
CREATE TABLE `post_events` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `post_id` bigint NOT NULL,
    `kind` longtext NOT NULL,
    CONSTRAINT `post_events_pkey` PRIMARY KEY (`id`)
);

-- 0002_log_function: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: function log_post() is written into each trigger that uses it
CREATE TRIGGER `posts_log` AFTER INSERT ON `posts` FOR EACH ROW
insert into post_events (post_id, kind) values (new.id, 'created');

-- 0003_rebuild: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` ADD CONSTRAINT `posts_title_present` CHECK (length(title) > 0);

-- 0004_replace: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: function log_post() is written into each trigger that uses it
DROP TRIGGER `posts_log`;
CREATE TRIGGER `posts_log` AFTER INSERT ON `posts` FOR EACH ROW
insert into post_events (post_id, kind) values (new.id, 'made');

-- 0005_drop_table: up, lossy
-- lossy: the down cannot bring back the rows of table posts
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `posts`;

-- 0006_drop_function: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: function log_post() was written into its triggers
[exit 0]

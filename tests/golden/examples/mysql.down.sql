-- 20261130090000_post_events: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP VIEW `published_posts`;
DROP TRIGGER `posts_log_new`;
-- mysql: function log_new_post() was written into its triggers
DROP TABLE `post_events`;

-- 20261129090000_post_status: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` DROP COLUMN `status`;
-- mysql: type post_status was written into its columns

-- 20261128090000_drop_user_bio: down, lossy
-- lossy: the down cannot bring back the values of column users.bio
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `users` ADD COLUMN `bio` longtext;

-- 20261127090000_post_rules: down, reversible
-- may fail on data: changing column posts.title back from text to varchar(200) fails on values written meanwhile that varchar(200) does not hold
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` MODIFY COLUMN `title` varchar(200) NOT NULL;
ALTER TABLE `posts` DROP INDEX `posts_published_idx`;
ALTER TABLE `posts` DROP CONSTRAINT `posts_title_present`;

-- 20261126100000_posts_location: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` ADD COLUMN `lat` double;
ALTER TABLE `posts` ADD COLUMN `lng` double;
update posts set lat = ST_Y(loc), lng = ST_X(loc)
                   where loc is not null;
ALTER TABLE `posts` DROP COLUMN `loc`;

-- 20261125093000_rename_comment_contents: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `comments` RENAME COLUMN `body` TO `contents`;

-- 20261110093000_add_user_profile: down, reversible
-- may fail on data: set not null on column users.name fails once a null was written
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `users` MODIFY COLUMN `name` longtext NOT NULL;
ALTER TABLE `users` DROP COLUMN `display_name`;
ALTER TABLE `users` DROP COLUMN `bio`;

-- 20261103090000_create_comments: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `comments` ADD INDEX `comments_post_fk` (`post_id`), DROP INDEX `comments_post_idx`;
DROP TABLE `comments`;

-- 20261102090000_create_posts: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` ADD INDEX `posts_author_id_fkey` (`author_id`), DROP INDEX `posts_author_id_idx`;
DROP TABLE `posts`;

-- 20261101090000_create_users: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `users`;
[exit 0]

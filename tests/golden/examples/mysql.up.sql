-- 20261101090000_create_users: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `users` (
    `id` int NOT NULL AUTO_INCREMENT,
    `email` varchar(255) NOT NULL,
    `name` longtext NOT NULL,
    `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT `users_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `users_email_key` UNIQUE (`email`)
);

-- 20261102090000_create_posts: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `posts` (
    `id` int NOT NULL AUTO_INCREMENT,
    `author_id` int NOT NULL,
    `title` varchar(200) NOT NULL,
    `body` longtext,
    `lat` double,
    `lng` double,
    `published` tinyint(1) NOT NULL DEFAULT 0,
    `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT `posts_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
);
ALTER TABLE `posts` ADD INDEX `posts_author_id_idx` (`author_id`), DROP INDEX `posts_author_id_fkey`;

-- 20261103090000_create_comments: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `comments` (
    `id` int NOT NULL AUTO_INCREMENT,
    `post_id` int NOT NULL,
    `user_id` int NOT NULL,
    `contents` longtext NOT NULL,
    `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT `comments_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `comments_post_fk` FOREIGN KEY (`post_id`) REFERENCES `posts` (`id`) ON DELETE CASCADE,
    CONSTRAINT `comments_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)
);
ALTER TABLE `comments` ADD INDEX `comments_post_idx` (`post_id`), DROP INDEX `comments_post_fk`;

-- 20261110093000_add_user_profile: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `users` ADD COLUMN `bio` longtext;
ALTER TABLE `users` ADD COLUMN `display_name` varchar(100) NOT NULL DEFAULT 'anonymous';
ALTER TABLE `users` MODIFY COLUMN `name` longtext;

-- 20261125093000_rename_comment_contents: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `comments` RENAME COLUMN `contents` TO `body`;

-- 20261126100000_posts_location: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` ADD COLUMN `loc` point;
update posts set loc = point(lng, lat)
                   where lat is not null and lng is not null;
ALTER TABLE `posts` DROP COLUMN `lat`;
ALTER TABLE `posts` DROP COLUMN `lng`;

-- 20261127090000_post_rules: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `posts` ADD CONSTRAINT `posts_title_present` CHECK (length(title) > 0);
-- mysql has no partial indexes: posts_published_idx covers every row
ALTER TABLE `posts` ADD INDEX `posts_published_idx` (`created_at`);
ALTER TABLE `posts` MODIFY COLUMN `title` longtext NOT NULL;

-- 20261128090000_drop_user_bio: up, lossy
-- lossy: the down cannot bring back the values of column users.bio
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `users` DROP COLUMN `bio`;

-- 20261129090000_post_status: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: type post_status is written as ENUM(...) in each column that uses it
ALTER TABLE `posts` ADD COLUMN `status` ENUM('draft', 'published', 'archived') NOT NULL DEFAULT 'draft';
update posts set status = 'published' where published;

-- 20261130090000_post_events: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `post_events` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `post_id` bigint NOT NULL,
    `kind` longtext NOT NULL,
    `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT `post_events_pkey` PRIMARY KEY (`id`)
);
-- mysql: function log_new_post() is written into each trigger that uses it
CREATE TRIGGER `posts_log_new` AFTER INSERT ON `posts` FOR EACH ROW
insert into post_events (post_id, kind) values (new.id, 'created');
CREATE VIEW `published_posts` AS
select p.id, p.title, u.email as author, p.status
        from posts p join users u on u.id = p.author_id
       where p.status = 'published';
[exit 0]

-- 0001_tables: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `users` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `email` longtext NOT NULL,
    `active` tinyint(1) DEFAULT 1,
    CONSTRAINT `users_pkey` PRIMARY KEY (`id`)
);
CREATE TABLE `orders` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `user_id` bigint,
    `total` decimal(10,2),
    CONSTRAINT `orders_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `orders_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)
);

-- 0002_views: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE VIEW `active_users` AS
select id, email from users where active;
CREATE VIEW `user_totals` (`user_id`, `total`) AS
select u.id, sum(o.total)
    from users u join orders o on o.user_id = u.id
    group by u.id;
CREATE VIEW `big_spenders` AS
select user_id from user_totals where total > 100;

-- 0003_replace: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE OR REPLACE VIEW `active_users` AS
select id, email, active from users where active;

-- 0004_renames: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `users` RENAME COLUMN `email` TO `mail`;
CREATE OR REPLACE VIEW `user_totals` (`user_id`, `total`) AS
select u.id, sum(o.total)
    from users u join orders o on o.user_id = u.id
    group by u.id;
CREATE OR REPLACE VIEW `active_users` AS
select id, mail, active from users where active;
ALTER TABLE `orders` RENAME TO `purchases`;
CREATE OR REPLACE VIEW `user_totals` (`user_id`, `total`) AS
select u.id, sum(o.total)
    from users u join purchases o on o.user_id = u.id
    group by u.id;
RENAME TABLE `user_totals` TO `totals`;
CREATE OR REPLACE VIEW `big_spenders` AS
select user_id from totals where total > 100;

-- 0005_rebuild: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `users` MODIFY COLUMN `active` tinyint(1) NOT NULL DEFAULT 1;

-- 0006_drop: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP VIEW `big_spenders`;
DROP VIEW `totals`;
[exit 0]

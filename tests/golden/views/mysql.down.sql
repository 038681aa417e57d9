-- 0006_drop: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE VIEW `totals` (`user_id`, `total`) AS
select u.id, sum(o.total)
    from users u join purchases o on o.user_id = u.id
    group by u.id;
CREATE VIEW `big_spenders` AS
select user_id from totals where total > 100;

-- 0005_rebuild: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `users` MODIFY COLUMN `active` tinyint(1) DEFAULT 1;

-- 0004_renames: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
RENAME TABLE `totals` TO `user_totals`;
CREATE OR REPLACE VIEW `big_spenders` AS
select user_id from user_totals where total > 100;
ALTER TABLE `purchases` RENAME TO `orders`;
CREATE OR REPLACE VIEW `user_totals` (`user_id`, `total`) AS
select u.id, sum(o.total)
    from users u join orders o on o.user_id = u.id
    group by u.id;
ALTER TABLE `users` RENAME COLUMN `mail` TO `email`;
CREATE OR REPLACE VIEW `user_totals` (`user_id`, `total`) AS
select u.id, sum(o.total)
    from users u join orders o on o.user_id = u.id
    group by u.id;
CREATE OR REPLACE VIEW `active_users` AS
select id, email, active from users where active;

-- 0003_replace: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP VIEW `active_users`;
CREATE VIEW `active_users` AS
select id, email from users where active;

-- 0002_views: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP VIEW `big_spenders`;
DROP VIEW `user_totals`;
DROP VIEW `active_users`;

-- 0001_tables: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `orders`;
DROP TABLE `users`;
[exit 0]

-- 0006_drop: down, reversible
BEGIN;
CREATE VIEW "totals" ("user_id", "total") AS
select u.id, sum(o.total)
    from users u join purchases o on o.user_id = u.id
    group by u.id;
CREATE VIEW "big_spenders" AS
select user_id from totals where total > 100;
COMMIT;

-- 0005_rebuild: down, reversible
BEGIN;
ALTER TABLE "users" ALTER COLUMN "active" DROP NOT NULL;
COMMIT;

-- 0004_renames: down, reversible
BEGIN;
ALTER VIEW "totals" RENAME TO "user_totals";
ALTER TABLE "purchases" RENAME TO "orders";
ALTER TABLE "users" RENAME COLUMN "mail" TO "email";
COMMIT;

-- 0003_replace: down, reversible
BEGIN;
DROP VIEW "active_users";
CREATE VIEW "active_users" AS
select id, email from users where active;
COMMIT;

-- 0002_views: down, reversible
BEGIN;
DROP VIEW "big_spenders";
DROP VIEW "user_totals";
DROP VIEW "active_users";
COMMIT;

-- 0001_tables: down, reversible
BEGIN;
DROP TABLE "orders";
DROP TABLE "users";
COMMIT;
[exit 0]

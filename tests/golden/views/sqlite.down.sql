-- 0006_drop: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE VIEW "totals" ("user_id", "total") AS
select u.id, sum(o.total)
    from users u join purchases o on o.user_id = u.id
    group by u.id;
CREATE VIEW "big_spenders" AS
select user_id from totals where total > 100;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0005_rebuild: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop not null: rebuild table users
DROP VIEW "active_users";
DROP VIEW "big_spenders";
DROP VIEW "totals";
CREATE TABLE "migc_new_users" (
    "id" integer NOT NULL,
    "mail" text NOT NULL,
    "active" boolean DEFAULT 1,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_users" ("id", "mail", "active") SELECT "id", "mail", "active" FROM "users";
DROP TABLE "users";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_users" RENAME TO "users";
PRAGMA legacy_alter_table = OFF;
CREATE VIEW "totals" ("user_id", "total") AS
select u.id, sum(o.total)
    from users u join purchases o on o.user_id = u.id
    group by u.id;
CREATE VIEW "big_spenders" AS
select user_id from totals where total > 100;
CREATE VIEW "active_users" AS
select id, mail, active from users where active;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0004_renames: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP VIEW "big_spenders";
DROP VIEW "totals";
CREATE VIEW "user_totals" ("user_id", "total") AS
select u.id, sum(o.total)
    from users u join purchases o on o.user_id = u.id
    group by u.id;
CREATE VIEW "big_spenders" AS
select user_id from user_totals where total > 100;
ALTER TABLE "purchases" RENAME TO "orders";
ALTER TABLE "users" RENAME COLUMN "mail" TO "email";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_replace: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP VIEW "active_users";
CREATE VIEW "active_users" AS
select id, email from users where active;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_views: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP VIEW "big_spenders";
DROP VIEW "user_totals";
DROP VIEW "active_users";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_tables: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "orders";
DROP TABLE "users";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

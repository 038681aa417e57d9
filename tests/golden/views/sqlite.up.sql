-- 0001_tables: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "users" (
    "id" integer NOT NULL,
    "email" text NOT NULL,
    "active" boolean DEFAULT 1,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "orders" (
    "id" integer NOT NULL,
    "user_id" bigint,
    "total" numeric(10,2),
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_views: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE VIEW "active_users" AS
select id, email from users where active;
CREATE VIEW "user_totals" ("user_id", "total") AS
select u.id, sum(o.total)
    from users u join orders o on o.user_id = u.id
    group by u.id;
CREATE VIEW "big_spenders" AS
select user_id from user_totals where total > 100;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_replace: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP VIEW IF EXISTS "active_users";
CREATE VIEW "active_users" AS
select id, email, active from users where active;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0004_renames: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "users" RENAME COLUMN "email" TO "mail";
ALTER TABLE "orders" RENAME TO "purchases";
DROP VIEW "big_spenders";
DROP VIEW "user_totals";
CREATE VIEW "totals" ("user_id", "total") AS
select u.id, sum(o.total)
    from users u join purchases o on o.user_id = u.id
    group by u.id;
CREATE VIEW "big_spenders" AS
select user_id from totals where total > 100;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0005_rebuild: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: set not null: rebuild table users
DROP VIEW "active_users";
DROP VIEW "big_spenders";
DROP VIEW "totals";
CREATE TABLE "migc_new_users" (
    "id" integer NOT NULL,
    "mail" text NOT NULL,
    "active" boolean NOT NULL DEFAULT 1,
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

-- 0006_drop: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP VIEW "big_spenders";
DROP VIEW "totals";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

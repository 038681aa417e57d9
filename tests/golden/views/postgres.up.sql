-- 0001_tables: up, reversible
BEGIN;
CREATE TABLE "users" (
    "id" bigserial NOT NULL,
    "email" text NOT NULL,
    "active" boolean DEFAULT true,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "orders" (
    "id" bigserial NOT NULL,
    "user_id" bigint,
    "total" numeric(10,2),
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
COMMIT;

-- 0002_views: up, reversible
BEGIN;
CREATE VIEW "active_users" AS
select id, email from users where active;
CREATE VIEW "user_totals" ("user_id", "total") AS
select u.id, sum(o.total)
    from users u join orders o on o.user_id = u.id
    group by u.id;
CREATE VIEW "big_spenders" AS
select user_id from user_totals where total > 100;
COMMIT;

-- 0003_replace: up, reversible
BEGIN;
CREATE OR REPLACE VIEW "active_users" AS
select id, email, active from users where active;
COMMIT;

-- 0004_renames: up, reversible
BEGIN;
ALTER TABLE "users" RENAME COLUMN "email" TO "mail";
ALTER TABLE "orders" RENAME TO "purchases";
ALTER VIEW "user_totals" RENAME TO "totals";
COMMIT;

-- 0005_rebuild: up, reversible
BEGIN;
ALTER TABLE "users" ALTER COLUMN "active" SET NOT NULL;
COMMIT;

-- 0006_drop: up, reversible
BEGIN;
DROP VIEW "big_spenders";
DROP VIEW "totals";
COMMIT;
[exit 0]

-- 0001_tables: up, reversible
BEGIN;
CREATE TABLE "orders" (
    "id" bigserial NOT NULL,
    "total" numeric(10,2),
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_matview: up, reversible
BEGIN;
CREATE MATERIALIZED VIEW "order_stats" AS
select count(*) as n, sum(total) as total from orders
WITH NO DATA;
REFRESH MATERIALIZED VIEW "order_stats";
CREATE MATERIALIZED VIEW "order_days" ("n") AS
select count(*) from orders;
COMMIT;

-- 0003_rename: up, reversible
BEGIN;
ALTER MATERIALIZED VIEW "order_stats" RENAME TO "stats";
REFRESH MATERIALIZED VIEW "stats";
COMMIT;

-- 0004_drop: up, reversible
BEGIN;
DROP MATERIALIZED VIEW "stats";
COMMIT;
[exit 0]

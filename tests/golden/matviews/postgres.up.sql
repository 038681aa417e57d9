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

-- 0005_index: up, reversible
BEGIN;
CREATE MATERIALIZED VIEW "order_totals" ("id", "total") AS
select id, total from orders;
CREATE UNIQUE INDEX "order_totals_id_key" ON "order_totals" ("id");
CREATE INDEX "order_totals_big" ON "order_totals" ("total") WHERE (total > 100);
REFRESH MATERIALIZED VIEW CONCURRENTLY "order_totals";
COMMIT;

-- 0006_index_rename: up, reversible
BEGIN;
ALTER INDEX "order_totals_big" RENAME TO "order_totals_large";
ALTER MATERIALIZED VIEW "order_totals" RENAME TO "totals";
REFRESH MATERIALIZED VIEW CONCURRENTLY "totals";
DROP INDEX "order_totals_large";
COMMIT;

-- 0007_drop_indexed: up, reversible
BEGIN;
CREATE INDEX "order_days_n_idx" ON "order_days" ("n");
DROP MATERIALIZED VIEW "order_days";
COMMIT;
[exit 0]

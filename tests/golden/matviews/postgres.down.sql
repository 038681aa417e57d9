-- 0007_drop_indexed: down, reversible
BEGIN;
CREATE MATERIALIZED VIEW "order_days" ("n") AS
select count(*) from orders;
CREATE INDEX "order_days_n_idx" ON "order_days" ("n");
DROP INDEX "order_days_n_idx";
COMMIT;

-- 0006_index_rename: down, reversible
BEGIN;
CREATE INDEX "order_totals_large" ON "totals" ("total") WHERE (total > 100);
ALTER MATERIALIZED VIEW "totals" RENAME TO "order_totals";
ALTER INDEX "order_totals_large" RENAME TO "order_totals_big";
COMMIT;

-- 0005_index: down, reversible
BEGIN;
DROP INDEX "order_totals_big";
DROP INDEX "order_totals_id_key";
DROP MATERIALIZED VIEW "order_totals";
COMMIT;

-- 0004_drop: down, reversible
BEGIN;
CREATE MATERIALIZED VIEW "stats" AS
select count(*) as n, sum(total) as total from orders;
COMMIT;

-- 0003_rename: down, reversible
BEGIN;
ALTER MATERIALIZED VIEW "stats" RENAME TO "order_stats";
COMMIT;

-- 0002_matview: down, reversible
BEGIN;
DROP MATERIALIZED VIEW "order_days";
DROP MATERIALIZED VIEW "order_stats";
COMMIT;

-- 0001_tables: down, reversible
BEGIN;
DROP TABLE "orders";
COMMIT;
[exit 0]

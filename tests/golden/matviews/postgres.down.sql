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

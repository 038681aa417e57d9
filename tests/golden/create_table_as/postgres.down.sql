-- 0002_as: down, reversible
BEGIN;
DROP TABLE "customer_totals";
COMMIT;

-- 0001_tables: down, reversible
BEGIN;
DROP TABLE "orders";
COMMIT;
[exit 0]

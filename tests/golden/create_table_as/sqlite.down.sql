-- 0002_as: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "customer_totals";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_tables: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "orders";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

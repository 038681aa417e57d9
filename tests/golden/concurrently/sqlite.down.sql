-- 0002_index: down, reversible
-- no transaction: each statement runs on its own
DROP INDEX "logs_line_idx";

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "logs";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

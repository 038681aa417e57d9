-- 0002_index: down, reversible
-- no transaction: each statement runs on its own
DROP INDEX CONCURRENTLY "logs_line_idx";

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "logs";
COMMIT;
[exit 0]

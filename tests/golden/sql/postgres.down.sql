-- 0004_irreversible: down, irreversible
-- irreversible: this migration cannot be rolled back

-- 0003_blocks: down, reversible
BEGIN;
ALTER TABLE "counters" DROP COLUMN "label";
COMMIT;

-- 0002_sql_down: down, reversible
BEGIN;
delete from counters where n = 1;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "counters";
COMMIT;
[exit 0]

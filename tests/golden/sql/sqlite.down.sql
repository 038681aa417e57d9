-- 0004_irreversible: down, irreversible
-- irreversible: this migration cannot be rolled back

-- 0003_blocks: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "counters" DROP COLUMN "label";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_sql_down: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
delete from counters where n = 1;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "counters";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

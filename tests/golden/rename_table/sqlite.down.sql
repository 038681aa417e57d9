-- 0002_rename: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "persons" RENAME TO "people";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "people_name_idx";
DROP TABLE "people";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

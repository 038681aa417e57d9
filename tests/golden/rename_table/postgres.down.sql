-- 0002_rename: down, reversible
BEGIN;
ALTER TABLE "persons" RENAME TO "people";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP INDEX "people_name_idx";
DROP TABLE "people";
COMMIT;
[exit 0]

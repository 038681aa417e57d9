-- 0002_rename: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "group by" RENAME TO "select";
ALTER TABLE "select" RENAME COLUMN "order" TO "Mixed Case";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "idx ""q""";
DROP TABLE "select";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

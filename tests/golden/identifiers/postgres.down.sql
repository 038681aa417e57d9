-- 0002_rename: down, reversible
BEGIN;
ALTER TABLE "group by" RENAME TO "select";
ALTER TABLE "select" RENAME COLUMN "order" TO "Mixed Case";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP INDEX "idx ""q""";
DROP TABLE "select";
COMMIT;
[exit 0]

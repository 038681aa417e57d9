-- 0002_rename: down, reversible
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "body" TO "contents";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP INDEX "comments_contents_idx";
DROP TABLE "comments";
COMMIT;
[exit 0]

-- 0002_rename: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "body" TO "contents";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "comments_contents_idx";
DROP TABLE "comments";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

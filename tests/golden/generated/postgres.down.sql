-- 0004_drop: down, reversible
BEGIN;
ALTER TABLE "items" ADD COLUMN "shout" text GENERATED ALWAYS AS (upper(label)) STORED;
COMMIT;

-- 0003_rename: down, reversible
BEGIN;
ALTER TABLE "items" RENAME COLUMN "quantity" TO "qty";
COMMIT;

-- 0002_add: down, reversible
BEGIN;
ALTER TABLE "items" DROP COLUMN "shout";
ALTER TABLE "items" DROP COLUMN "label";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "tags";
DROP TABLE "items";
COMMIT;
[exit 0]

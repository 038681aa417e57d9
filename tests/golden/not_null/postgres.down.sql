-- 0003_drop: down, reversible
BEGIN;
ALTER TABLE "tasks" ALTER COLUMN "done" SET NOT NULL;
COMMIT;

-- 0002_set: down, reversible
BEGIN;
ALTER TABLE "tasks" ALTER COLUMN "title" DROP NOT NULL;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "tasks";
COMMIT;
[exit 0]

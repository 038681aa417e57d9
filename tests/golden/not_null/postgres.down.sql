-- 0003_drop: down, reversible
-- may fail on data: set not null on column tasks.done fails once a null was written
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

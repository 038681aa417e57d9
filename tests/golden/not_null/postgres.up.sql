-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "tasks" (
    "id" serial NOT NULL,
    "title" text,
    "done" boolean NOT NULL DEFAULT false,
    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_set: up, reversible
BEGIN;
ALTER TABLE "tasks" ALTER COLUMN "title" SET NOT NULL;
COMMIT;

-- 0003_drop: up, reversible
BEGIN;
ALTER TABLE "tasks" ALTER COLUMN "done" DROP NOT NULL;
COMMIT;
[exit 0]

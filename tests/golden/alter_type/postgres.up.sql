-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "metrics" (
    "id" serial NOT NULL,
    "hits" integer NOT NULL DEFAULT 0,
    "name" varchar(50),
    "code" text,
    "value" bigint,
    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_widen: up, reversible
BEGIN;
ALTER TABLE "metrics" ALTER COLUMN "hits" TYPE bigint;
ALTER TABLE "metrics" ALTER COLUMN "name" TYPE varchar(100);
COMMIT;

-- 0003_narrow: up, lossy
-- lossy: the down cannot bring back the values of column metrics.value as they were before the change to integer; values of column metrics.code as they were before the change to varchar(10)
BEGIN;
ALTER TABLE "metrics" ALTER COLUMN "value" TYPE integer;
ALTER TABLE "metrics" ALTER COLUMN "code" TYPE varchar(10);
COMMIT;
[exit 0]
